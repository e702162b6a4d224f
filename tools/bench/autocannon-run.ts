import autocannon from 'autocannon';

export interface LoadSpec {
  title: string;
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH';
  headers?: Record<string, string>;
  body?: string;
  /** Changes each request (a path from a hot set, a random search term); `url` then names the first. */
  vary?: () => { path?: string; body?: string };
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
  /** HTTP requests per second, where a unit is more than one request. */
  requestRps?: number;
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
  const { vary } = spec;
  return {
    url: spec.url,
    method: spec.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...spec.headers },
    body: spec.body,
    connections: spec.connections,
    ...(vary ? { requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, ...vary() }) }] } : {}),
  };
}

/** One autocannon run on loopback, after a short unrecorded warm-up (`warmup` seconds) so the JIT has settled and caches are filled. */
export async function runLoad(spec: LoadSpec, warmup = 2): Promise<LoadResult> {
  const request = autocannonRequest(spec);
  if (warmup > 0) await autocannon({ ...request, duration: warmup });
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
