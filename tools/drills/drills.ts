import { once } from 'node:events';
import { TcpProxy } from '@mercato/testing';
import { benchToken } from '../bench/accounts';
import { count, ok, startLoad, statuses, type LoadTally } from './load';
import type { DrillPlatform, DrillService } from './platform';

export interface DrillTimings {
  /** Seconds of load per drill (the fault happens inside it). */
  loadSeconds: number;
  /** Seconds PostgreSQL stays down. */
  postgresDownSeconds: number;
  /** autocannon connections per drill. */
  connections: number;
}

export interface DrillResult {
  name: string;
  /** undefined when skipped */
  passed?: boolean;
  /** The numbers behind the verdict, `name value` pairs, for the one-line report. */
  numbers: string[];
  /** What went wrong, or why the drill did not run. */
  notes: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await sleep(100)) {
    if (await check().catch(() => false)) return true;
  }
  return false;
}

async function json(url: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as Record<string, unknown> };
}

const failures = (tally: LoadTally) => tally.failed;

// Must outlast the balancer noticing unreadiness (a 100 ms poll whose probe is slow on a loaded machine), or
// it still opens connections to a service that has stopped listening: the delay Kubernetes needs likewise
// exceeds its readiness probe period. One second was too tight on two busy cores.
const SHUTDOWN_DELAY_SECONDS = 3;

/**
 * Shared by the drills: a users-api (token issuer), a products-api, a second users-api that the SIGTERM drill
 * stops (started with the others, as starting takes a while), and accounts to act with.
 */
export interface DrillServices {
  users: DrillService;
  products: DrillService;
  draining: DrillService;
  adminAuth: { authorization: string };
  user: { token: string; username: string; password: string };
}

export async function startDrillServices(platform: DrillPlatform): Promise<DrillServices> {
  const [users, products, draining] = await Promise.all([
    platform.startService('users-api'),
    platform.startService('products-api'),
    // one hash at a time, so logins queue and some are in flight when it closes
    platform.startService('users-api', { SHUTDOWN_DELAY_SECONDS: String(SHUTDOWN_DELAY_SECONDS), ARGON2_MAX_CONCURRENCY: '1' }),
  ]);
  const target = { databaseUrl: platform.databaseUrl, baseUrl: () => users.url };
  const admin = await benchToken(target, 'admin');
  const user = await benchToken(target, 'user');
  return { users, products, draining, adminAuth: { authorization: `Bearer ${admin.token}` }, user };
}

/**
 * Redis killed (SIGKILL) and started again, empty, while products-api serves cached reads: every read must
 * still succeed (from PostgreSQL while Redis is gone), and after it is back a write must be visible to the
 * next read, so no stale entry survives the restart.
 */
export async function redisRestartDrill(platform: DrillPlatform, { products, adminAuth }: DrillServices, t: DrillTimings): Promise<DrillResult> {
  const name = 'redis-restart';
  const redis = platform.redis;
  if (!redis) return { name, numbers: [], notes: ['skipped: no redis-server on PATH, so there is no Redis of our own to kill'] };
  const notes: string[] = [];
  const created = await json(`${products.url}/api/v1/products`, {
    method: 'POST',
    headers: adminAuth,
    body: JSON.stringify({ name: 'Drill Lamp', price: 10, stock: 5 }),
  });
  const id = created.body['id'] as number;
  const read = () => json(`${products.url}/api/v1/products/${id}`);
  await read(); // cached from here on

  const load = startLoad({ title: name, url: `${products.url}/api/v1/products/${id}`, connections: t.connections, duration: t.loadSeconds });
  const downMs = Math.max(1000, t.loadSeconds * 200);
  await sleep(t.loadSeconds * 300);
  await redis.kill();
  await sleep(downMs);
  await redis.start();
  const tally = await load.done;

  const redisMode = async () => ((await json(`${products.url}/health/ready`)).body['info'] as { redis?: { mode?: string } } | undefined)?.redis?.mode;
  const reconnected = await eventually(async () => (await redisMode()) === 'connected', 20_000);
  if (!reconnected) notes.push('products-api did not report Redis connected again within 20 s');
  await read(); // cached in the new Redis
  const adjusted = await json(`${products.url}/api/v1/products/${id}/stock`, { method: 'PATCH', headers: adminAuth, body: JSON.stringify({ quantity: 2 }) });
  const after = await read();
  const fresh = adjusted.status === 200 && after.body['stock'] === 7;
  if (!fresh)
    notes.push(`after the restart a write was not seen by the next read (PATCH ${adjusted.status}, stock ${String(after.body['stock'])}, expected 7)`);
  const bad = count(tally, (s) => !ok(s)) + failures(tally) + tally.refused + tally.closedAsAnnounced;
  if (bad) notes.push('requests failed while Redis was away');
  return {
    name,
    passed: !bad && reconnected && fresh,
    numbers: [`responses ${statuses(tally)}`, `failed ${bad}`, `redis down ${downMs} ms`, `fresh read after restart ${fresh ? 'yes' : 'no'}`],
    notes,
  };
}

/**
 * PostgreSQL stopped for a few seconds and started again while users-api answers requests that need it (listing
 * accounts reads the table on every call, where a token's own account check may be answered from the process's
 * copy): 503 while it is down, never a 500 or a dropped request, and back to 200 by itself, the same process, once
 * PostgreSQL is.
 */
export async function postgresRestartDrill(platform: DrillPlatform, { users, adminAuth }: DrillServices, t: DrillTimings): Promise<DrillResult> {
  const name = 'postgres-restart';
  const notes: string[] = [];
  // 1.5 s of load before the stop, and at least 2.5 s after PostgreSQL is back (its start takes about 1 s)
  const loadSeconds = Math.max(t.loadSeconds, t.postgresDownSeconds + 5);
  const load = startLoad({
    title: name,
    url: `${users.url}/api/v1/users?limit=1`,
    headers: adminAuth,
    connections: t.connections,
    duration: loadSeconds,
  });
  await sleep(1500);
  await platform.stopPostgres();
  const downAt = Date.now();
  await sleep(t.postgresDownSeconds * 1000);
  await platform.startPostgres();
  const upAt = Date.now();
  const tally = await load.done;

  const unavailable = count(tally, (s) => s === 503);
  const other = count(tally, (s) => !ok(s) && s !== 503);
  const firstOkAfterUp = tally.timeline.find(([at, status]) => at >= upAt && ok(status))?.[0];
  const lastAnswer = tally.timeline.at(-1);
  const recovered = firstOkAfterUp !== undefined && lastAnswer !== undefined && ok(lastAnswer[1]) && users.alive();
  if (!unavailable) notes.push('no 503 while PostgreSQL was down');
  if (other) notes.push('answers other than 200 and 503');
  if (failures(tally) + tally.refused) notes.push('requests dropped or refused');
  if (!recovered) notes.push(users.alive() ? 'users-api had not recovered when the load ended' : 'users-api exited');
  return {
    name,
    passed: unavailable > 0 && !other && !failures(tally) && !tally.refused && recovered,
    numbers: [
      `responses ${statuses(tally)}`,
      `failed ${failures(tally) + tally.refused}`,
      `postgres down ${upAt - downAt} ms`,
      `recovered ${firstOkAfterUp === undefined ? 'never' : `${firstOkAfterUp - upAt} ms after postgres`}`,
      `same process ${users.alive() ? 'yes' : 'no'}`,
    ],
    notes,
  };
}

/**
 * SIGTERM to a users-api under load (fast reads, and logins that spend ~100 ms hashing and so are in flight
 * when it turns unready): every request it accepted is answered 200, it serves on through SHUTDOWN_DELAY_SECONDS,
 * then exits. Connections the balancer turns away once the service is unready are reported, not failed.
 */
export async function shutdownDrill({ draining: service, user: account }: DrillServices, t: DrillTimings): Promise<DrillResult> {
  const name = 'sigterm-drain';
  const notes: string[] = [];
  const delaySeconds = SHUTDOWN_DELAY_SECONDS;
  // The load goes through a stand-in load balancer, which takes the service out of rotation (refuses new
  // connections, lets open ones finish) once its readiness probe fails, as Kubernetes endpoints and nginx do.
  const balancer = await new TcpProxy('127.0.0.1', Number(new URL(service.url).port)).open();
  const via = `http://127.0.0.1:${balancer.port}`;
  const reads = startLoad({
    title: `${name} reads`,
    url: `${via}/api/v1/users/me`,
    headers: { authorization: `Bearer ${account.token}` },
    connections: t.connections,
    duration: t.loadSeconds + 30,
  });
  const logins = startLoad({
    title: `${name} logins`,
    url: `${via}/api/v1/auth/login`,
    method: 'POST',
    body: JSON.stringify({ username: account.username, password: account.password }),
    connections: 4,
    duration: t.loadSeconds + 30,
  });
  await sleep(Math.max(1000, t.loadSeconds * 300));
  const exited = once(service.child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  const signalledAt = Date.now();
  service.child.kill('SIGTERM');
  void (async () => {
    while (
      service.alive() &&
      (await fetch(`${service.url}/health/ready`).then(
        (r) => r.ok,
        () => false,
      ))
    )
      await sleep(100);
    balancer.stopAccepting();
  })();
  const deadline = sleep(30_000).then(() => undefined);
  const exit = await Promise.race([exited, deadline]);
  const exitedAt = Date.now();
  await sleep(200); // let the last answers arrive and the refusals start
  reads.stop();
  logins.stop();
  const tallies = await Promise.all([reads.done, logins.done]);
  await balancer.cut();

  const answeredAfterSignal = tallies.flatMap((tally) => tally.timeline).filter(([at]) => at > signalledAt).length;
  const notOk = tallies.reduce((sum, tally) => sum + count(tally, (s) => !ok(s)), 0);
  const failed = tallies.reduce((sum, tally) => sum + failures(tally), 0);
  const refused = tallies.reduce((sum, tally) => sum + tally.refused, 0);
  const closed = tallies.reduce((sum, tally) => sum + tally.closedAsAnnounced, 0);
  // Nest re-raises the signal once its shutdown hooks have run, so a drained service ends by SIGTERM (or 0).
  const cleanExit = exit !== undefined && (exit[0] === 0 || exit[1] === 'SIGTERM');
  if (!exit) notes.push('users-api did not exit within 30 s of SIGTERM');
  else if (!cleanExit) notes.push(`users-api exited with ${exit[0] ?? exit[1]}`);
  if (notOk) notes.push('answers other than 2xx while draining');
  if (failed) notes.push('accepted requests reset, dropped or timed out');
  if (exitedAt - signalledAt < delaySeconds * 1000) notes.push('exited before SHUTDOWN_DELAY_SECONDS had passed');
  return {
    name,
    passed: cleanExit && !notOk && !failed && answeredAfterSignal > 0 && exitedAt - signalledAt >= delaySeconds * 1000,
    numbers: [
      `responses ${tallies.map(statuses).join(' / ')}`,
      `failed ${failed + notOk}`,
      `answered after SIGTERM ${answeredAfterSignal}`,
      `exit ${exit ? (exit[0] ?? exit[1]) : 'none'} after ${exitedAt - signalledAt} ms`,
      `turned away by the balancer ${refused}`,
      `sent after Connection: close ${closed}`,
    ],
    notes,
  };
}
