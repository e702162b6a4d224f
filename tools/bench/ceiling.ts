import { spawnService, stopService, waitUntilReady } from '@mercato/testing';
import { runLoad, type LoadSpec } from './autocannon-run';
import type { CeilingMeasurement } from './bench-results';
import { captureResponse } from './response-shape';

const CEILING_PORT = 3100; // beside the services' 3101…

export interface CeilingServer {
  /**
   * The ceiling for one scenario, measured now: the real route's response to the scenario's request is captured,
   * the bare server told to answer with it, and loaded as the scenario will be, with the request sent unchanged.
   */
  measure(spec: LoadSpec, durations: { duration: number; warmup: number }): Promise<CeilingMeasurement>;
  /** The same ceiling measured once more, with the response the last `measure` set: nothing is captured again. */
  again(spec: LoadSpec, durations: { duration: number; warmup: number }): Promise<Pick<CeilingMeasurement, 'rps' | 'p50' | 'p99'>>;
  stop(): Promise<void>;
}

/** The ceiling server in a process of its own, as each service is, so it competes for the cores as they do. */
export async function startCeilingServer(): Promise<CeilingServer> {
  const server = spawnService({ name: 'ceiling', entry: 'tools/bench/ceiling-server.ts' }, { ...process.env, PORT: String(CEILING_PORT) });
  const url = `http://127.0.0.1:${CEILING_PORT}`;
  await waitUntilReady(CEILING_PORT, () => server.exitCode !== null);
  if (server.exitCode !== null) throw new Error(`the ceiling server exited (${server.exitCode}); is port ${CEILING_PORT} taken?`);
  const ceilingUrl = (spec: LoadSpec) => `${url}${new URL(spec.url).pathname}`;
  const loadCeiling = (spec: LoadSpec, duration: number, warmup: number) =>
    runLoad({ ...spec, title: `ceiling for ${spec.title}`, url: ceilingUrl(spec), duration }, warmup);
  return {
    async measure(spec, { duration, warmup }) {
      const shape = await captureResponse(spec);
      if (shape.status >= 400) throw new Error(`${spec.title}: the real route answered ${shape.status}: ${shape.body.toString().slice(0, 300)}`);
      const set = await fetch(`${url}/__ceiling`, {
        method: 'PUT',
        body: JSON.stringify({ status: shape.status, headers: shape.headers, body: shape.body.toString('base64') }),
      });
      if (set.status !== 204) throw new Error(`the ceiling server refused the response to copy (${set.status})`);
      const served = await captureResponse(spec, ceilingUrl(spec));
      const load = await loadCeiling(spec, duration, warmup);
      return {
        rps: load.rps,
        p50: load.p50,
        p99: load.p99,
        bodyBytes: shape.body.length,
        headerCount: shape.headers.length,
        servedBodyBytes: served.body.length,
        servedHeaderCount: served.headers.length,
      };
    },
    async again(spec, { duration, warmup }) {
      const { rps, p50, p99 } = await loadCeiling(spec, duration, warmup);
      return { rps, p50, p99 };
    },
    stop: () => stopService(server),
  };
}
