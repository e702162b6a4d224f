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
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
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

export function printTable(results: LoadResult[]): void {
  const rows = results.map((r) => [r.title, String(r.rps), `${r.p50} ms`, `${r.p99} ms`, String(r.non2xx + r.errors)]);
  const head = ['scenario', 'req/s', 'p50', 'p99', 'failed'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(['', line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
}
