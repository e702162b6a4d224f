import autocannon from 'autocannon';
import { autocannonRequest, type LoadSpec } from '../bench/autocannon-run';

/**
 * How every request of a load run ended, counted per connection so that the causes autocannon lumps together
 * as "errors" stay apart: a refused connection never reached a server (the load balancer would have sent it
 * elsewhere), a request lost on a connection the server had announced it would close (`Connection: close`,
 * which autocannon ignores and a real client honours) is autocannon's doing; anything else lost is a failure.
 */
export interface LoadTally {
  byStatus: Map<number, number>;
  /** Response times (ms since the epoch) and statuses, in arrival order, for "when did it recover". */
  timeline: [number, number][];
  refused: number;
  closedAsAnnounced: number;
  /** Connections reset or requests dropped without an answer and without warning, and timeouts. */
  failed: number;
}

export interface RunningLoad {
  tally: LoadTally;
  /** Ends the run early (in-flight requests are abandoned, as at the end of any autocannon run). */
  stop(): void;
  done: Promise<LoadTally>;
}

interface ClientEvents {
  on(event: 'request', listener: () => void): void;
  on(event: 'headers', listener: (info: { shouldKeepAlive?: boolean }) => void): void;
  on(event: 'response', listener: (status: number) => void): void;
  on(event: 'connError', listener: (error: NodeJS.ErrnoException) => void): void;
  on(event: 'timeout', listener: () => void): void;
}

/** Drives `spec` with autocannon on loopback for `spec.duration` seconds at most, tallying as above. */
export function startLoad(spec: LoadSpec): RunningLoad {
  const tally: LoadTally = { byStatus: new Map(), timeline: [], refused: 0, closedAsAnnounced: 0, failed: 0 };
  const setupClient = (client: ClientEvents) => {
    let pending = false;
    /** The last answer on this connection said `Connection: close`: whatever is sent on it next, a real client would not send. */
    let closing = false;
    let sentAfterClose = false;
    /** The connection ended under a request; autocannon opens a new one. */
    const lost = () => {
      if (sentAfterClose) tally.closedAsAnnounced++;
      else tally.failed++;
      closing = false;
    };
    client.on('request', () => {
      if (pending) lost(); // the previous request got no answer: its connection ended under it
      pending = true;
      sentAfterClose = closing;
    });
    client.on('headers', (info) => {
      if (info.shouldKeepAlive === false) closing = true;
    });
    client.on('response', (status) => {
      pending = false;
      if (sentAfterClose) {
        tally.closedAsAnnounced++;
        return;
      }
      tally.byStatus.set(status, (tally.byStatus.get(status) ?? 0) + 1);
      tally.timeline.push([Date.now(), status]);
    });
    client.on('connError', (error) => {
      pending = false;
      if (error.code === 'ECONNREFUSED') {
        tally.refused++;
        closing = false;
      } else lost();
    });
    client.on('timeout', () => {
      pending = false;
      tally.failed++;
    });
  };
  // The client's typings know only some of the events it emits; the rest are read as documented in its source.
  const options = {
    ...autocannonRequest(spec),
    duration: spec.duration,
    timeout: 10,
    setupClient: setupClient as unknown as (client: autocannon.Client) => void,
  };
  // Without a callback autocannon returns its instance, which can be stopped, made thenable.
  const instance = autocannon(options) as unknown as autocannon.Instance & PromiseLike<autocannon.Result>;
  return { tally, stop: () => instance.stop(), done: Promise.resolve(instance).then(() => tally) };
}

export const count = (tally: LoadTally, accept: (status: number) => boolean): number =>
  [...tally.byStatus].filter(([status]) => accept(status)).reduce((sum, [, n]) => sum + n, 0);

export const ok = (status: number) => status >= 200 && status < 300;

/** `200×1234 503×56`: the statuses seen, for the report. */
export const statuses = (tally: LoadTally): string =>
  [...tally.byStatus]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${status}×${n}`)
    .join(' ') || 'none';
