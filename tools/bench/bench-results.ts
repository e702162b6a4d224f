import type { LoadResult } from './autocannon-run';

/** The bare node:http server's numbers next to one scenario, and the response it answered with. */
export interface CeilingMeasurement {
  /** The mean of `samples` when the ceiling was measured on both sides of its scenario. */
  rps: number;
  /** Each measurement's rate: before the scenario and, where bracketed, after it. */
  samples?: number[];
  p50: number;
  p99: number;
  /** The real route's response, which the ceiling server copied. */
  bodyBytes: number;
  headerCount: number;
  /** What the ceiling server really sent: the same counts, unless Node added or dropped a header. */
  servedBodyBytes: number;
  servedHeaderCount: number;
}

/** A scenario's rate or latency read against another measurement of the same run. */
export interface Ratio {
  /** What it is read against, e.g. `REST GET /products/:id`; the same in every run, so `--compare` pairs by it. */
  of: string;
  /** The other half's own number in this run, e.g. `27.4/s`. */
  detail?: string;
  /** `percent`: 100 × this / that (rates); `times`: this / that (latencies, where more is worse). */
  kind: 'percent' | 'times';
  value: number;
}

export interface ScenarioRecord extends LoadResult {
  /** Stable across runs: `--compare` pairs scenarios by it. */
  id: string;
  ceiling?: CeilingMeasurement;
  /** 100 × the scenario's request rate / its ceiling (measured before it and after it, averaged). */
  percentOfCeiling?: number;
  ratios: Ratio[];
}

export interface Argon2Rate {
  verifiesPerSecond: number;
  memoryKiB: number;
  timeCost: number;
  parallelism: number;
  /** Verifications at once: ARGON2_MAX_CONCURRENCY, as the login path is held to. */
  concurrency: number;
}

export interface ServiceRecord {
  name: string;
  /** From spawning `node dist/apps/<name>/main.js` to the first 200 of /health/ready. */
  timeToReadyMs: number;
  /** Resident memory at the end of the run, and its peak. */
  rssMiB?: number;
  peakRssMiB?: number;
}

export interface BenchResults {
  version: 1;
  startedAt: string;
  finishedAt: string;
  commit: string;
  machine: { cpus: number; cpuModel: string; memoryGiB: number; platform: string; node: string };
  options: { duration: number; ceilingDuration: number; warmup: number; connections: number; catalogSize: number; smoke: boolean };
  scenarios: ScenarioRecord[];
  argon2?: Argon2Rate;
  services: ServiceRecord[];
}

/** 100 × rate / base, or undefined when there is no base to read it against. */
export function percentOf(rate: number, base: number | undefined): number | undefined {
  return base !== undefined && base > 0 && Number.isFinite(rate) ? (100 * rate) / base : undefined;
}

/** The scenario's share of the ceiling beside it, counted in HTTP requests (a purchase is two). */
export function withCeiling(result: LoadResult & { id: string }, ceiling: CeilingMeasurement | undefined): ScenarioRecord {
  return { ...result, ceiling, percentOfCeiling: percentOf(result.requestRps ?? result.rps, ceiling?.rps), ratios: [] };
}

/** Which scenario is read against what, beyond its ceiling. */
const RATE_RATIOS: { id: string; of: string; ofTitle: string }[] = [
  { id: 'mcp.get-product', of: 'products.by-id.cached', ofTitle: 'REST GET /products/:id (same hot set)' },
  { id: 'orders.purchase.uncontended', of: 'products.stock', ofTitle: 'PATCH /products/:id/stock' },
  { id: 'orders.purchase.contended', of: 'products.stock', ofTitle: 'PATCH /products/:id/stock' },
];

/**
 * The ratios the issue of each scenario asks for, from the records of one run: MCP against REST for the same read, a
 * purchase against a bare stock change, a login against the raw argon2id verify rate at the same cost and concurrency,
 * and /users/me's p99 during a login burst against its p99 alone. A ratio whose other half was not run is left out.
 */
export function addRatios(scenarios: ScenarioRecord[], argon2?: Argon2Rate): ScenarioRecord[] {
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  return scenarios.map((s) => {
    const ratios: Ratio[] = [];
    for (const r of RATE_RATIOS.filter((r) => r.id === s.id)) {
      const value = percentOf(s.rps, byId.get(r.of)?.rps);
      if (value !== undefined) ratios.push({ of: r.ofTitle, kind: 'percent', value });
    }
    if (s.id === 'users.login') {
      const value = percentOf(s.rps, argon2?.verifiesPerSecond);
      if (value !== undefined) ratios.push({ of: 'raw argon2id verify rate', detail: `${argon2?.verifiesPerSecond.toFixed(1)}/s`, kind: 'percent', value });
    }
    const alone = byId.get('users.me')?.p99;
    if (s.id === 'users.me.during-logins' && alone && alone > 0)
      ratios.push({ of: 'GET /users/me p99 alone', detail: `${alone} ms`, kind: 'times', value: s.p99 / alone });
    return { ...s, ratios: [...s.ratios, ...ratios] };
  });
}

/** `27.1%` (one decimal, two below 10%) or `×1.85`. */
export function formatRatio(kind: Ratio['kind'], value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '-';
  return kind === 'percent' ? `${value.toFixed(value < 10 ? 2 : 1)}%` : `×${value.toFixed(2)}`;
}
