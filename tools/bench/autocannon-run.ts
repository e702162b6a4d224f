import autocannon from 'autocannon';

export interface LoadSpec {
  title: string;
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  /** Seconds; every run is bounded in time. */
  duration: number;
}

export interface LoadResult {
  title: string;
  /** How many `unit`s per second. */
  rps: number;
  /** What the rate and latencies count: requests unless said (a purchase is a checkout and its completion). */
  unit?: string;
  p50: number;
  p99: number;
  /** Answers outside 2xx that the scenario did not expect (a sold-out 409 where stock is limited is expected). */
  non2xx: number;
  errors: number;
  /** What else the reader needs to read the row, e.g. the refusals the scenario expects. */
  note?: string;
  /** A correctness check made after the load: the bench exits 1 when one does not hold. */
  check?: { holds: boolean; report: string };
}

/** What autocannon sends for a load spec (its duration aside): shared by the benchmarks and the drills. */
export function autocannonRequest(spec: LoadSpec) {
  return {
    url: spec.url,
    method: spec.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...spec.headers },
    body: spec.body,
    connections: spec.connections,
  };
}

/** One autocannon run on loopback, after a short unrecorded warm-up so the JIT has settled; returns the numbers the report prints. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const request = autocannonRequest(spec);
  await autocannon({ ...request, duration: 2 });
  const result = await autocannon({ ...request, duration: spec.duration });
  return {
    title: spec.title,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/**
 * One row per scenario; each rate also as a share of `baseline` (the machine's bare HTTP rate under the same load), so
 * runs on different machines, or on a shared machine on different days, can be compared by share rather than raw rate.
 */
export function printTable(results: LoadResult[], baseline: LoadResult): void {
  const ms = (n: number) => (Number.isFinite(n) ? `${n} ms` : '-');
  const rows = results.map((r) => [
    r.title,
    `${r.rps} ${r.unit ?? 'req'}/s`,
    ms(r.p50),
    ms(r.p99),
    shareOf(r.rps, baseline.rps),
    String(r.non2xx + r.errors),
    r.note ?? '',
  ]);
  const head = ['scenario', 'rate', 'p50', 'p99', 'of baseline', 'failed', 'notes'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(['', line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
}

/** `rate` as a percentage of `baseline`, with enough digits to tell small shares apart. */
export function shareOf(rate: number, baseline: number): string {
  if (!(baseline > 0)) return '-';
  const percent = (100 * rate) / baseline;
  return `${percent >= 10 ? percent.toFixed(0) : percent.toFixed(1)}%`;
}
