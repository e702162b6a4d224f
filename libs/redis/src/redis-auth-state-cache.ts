import { Logger } from '@nestjs/common';
import { AuthStateCache, ServiceUnavailableError, type UserAuthState } from '@mercato/core';
import { LRUCache } from 'lru-cache';
import type { Redis } from './redis-client';
import { newVersion } from './version-token';

/** A version set by changes still running (`changing:<how many>:<token>`): no process keeps what it reads under it. */
const CHANGING = 'changing:';
/** Longer than any change to an account takes; should a change's end never reach Redis, its mark lapses by itself. */
const CHANGING_TTL_SECONDS = 300;
/** How long a version outlives the change or first read that set it; then it is made anew (one re-read each). */
const VERSION_TTL_SECONDS = 600;
/** After a change, how often and how long the new version is retried before the mark is left to lapse. */
const SETTLE_ATTEMPTS = 4;
const SETTLE_FIRST_WAIT_MS = 50;

/** How many changes the account's mark counts (0: it holds a version, or nothing). */
const RUNNING = `local v = redis.call('GET', KEYS[1])
local running = 0
if v and string.sub(v, 1, ${CHANGING.length}) == '${CHANGING}' then running = tonumber(string.match(v, '^${CHANGING}(%d+):')) or 0 end
`;
/** A change begins: the mark counts one more. */
const MARK = `${RUNNING}redis.call('SET', KEYS[1], '${CHANGING}' .. (running + 1) .. ':' .. ARGV[1], 'EX', ARGV[2])`;
/**
 * A change has ended, after its commit: the mark counts one fewer, and the last to end sets a fresh version. A
 * version found instead of a mark (one a reader made after the mark lapsed or was evicted) is replaced as well,
 * as it may have been read before this commit.
 */
const SETTLE = `${RUNNING}if running > 1 then
  redis.call('SET', KEYS[1], '${CHANGING}' .. (running - 1) .. ':' .. ARGV[1], 'EX', ARGV[3])
else
  redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
end`;

interface Held {
  version: string;
  state: UserAuthState;
}

export interface AuthStateCacheOptions {
  /** Accounts whose standing the process keeps at once. */
  maxAccounts: number;
  /** How often the connection is asked for a sign of life; a copy is used only within three of these of the last. */
  heartbeatMs?: number;
  /** The longest a copy is used, whatever Redis says: the bound on what no notice reaches (a change made in SQL). */
  keepMs?: number;
}

/**
 * Each process keeps the standing of the accounts it has read, each under the version its account's key held when
 * the read began; the key is read through node-redis's client-side cache (RESP3 client tracking), so while nobody
 * changes the account a request's check costs no round trip at all, and the moment a change sets the key Redis
 * tells every process that read it. A change marks the key before it writes (refused if Redis cannot be reached,
 * so no change commits unannounced), and the last of the changes running sets a fresh version after its commit:
 * whatever a process read before that commit hangs under an older version or a mark, and is read again. Versions
 * are never reused (see newVersion), so one that expired or was evicted cannot bring an old copy back.
 *
 * The notices only help while they arrive, so a copy is used only while the connection shows signs of life: Redis
 * answers a heartbeat on the same connection as its notices, after every notice it sent before, so a heartbeat
 * answered lately means every change settled before it was sent has been heard. A connection gone quiet (a
 * partition that no reset announces) sends every read to PostgreSQL; a broken one, or a Redis come back with older
 * data, makes the process forget every copy. No copy outlives `keepMs`, whatever happens to the notices.
 */
export class RedisAuthStateCache extends AuthStateCache {
  private readonly logger = new Logger('AuthStateCache');
  private readonly held: LRUCache<number, Held>;
  private readonly heartbeatMs: number;
  private lastHeard = 0;

  /** `tracked` must be a RESP3 client with a client-side cache (createRedisClient's `tracking` option). */
  constructor(
    private readonly tracked: Redis,
    private readonly prefix: string,
    { maxAccounts, heartbeatMs = 1_000, keepMs = 60_000 }: AuthStateCacheOptions,
  ) {
    super();
    this.heartbeatMs = heartbeatMs;
    this.held = new LRUCache({ max: maxAccounts, ttl: keepMs });
    const forget = () => {
      this.held.clear();
      this.lastHeard = 0;
    };
    tracked.on('error', forget);
    tracked.on('ready', () => {
      forget();
      this.heartbeat();
    });
    const beat = setInterval(() => this.heartbeat(), heartbeatMs).unref();
    tracked.on('end', () => clearInterval(beat));
    if (tracked.isReady) this.heartbeat();
  }

  async read(id: number, load: () => Promise<UserAuthState | null>): Promise<UserAuthState | null> {
    let version: string;
    try {
      version = await this.versionOf(id);
    } catch {
      return load(); // Redis unreachable: the database answers every request, as without Redis
    }
    if (version.startsWith(CHANGING) || !this.heard()) return load();
    const held = this.held.get(id);
    if (held?.version === version) return held.state;
    const state = await load();
    if (state) this.held.set(id, { version, state });
    else this.held.delete(id);
    return state;
  }

  async change<T>(id: number, write: () => Promise<T>): Promise<T> {
    const key = this.keyOf(id);
    try {
      await this.tracked.eval(MARK, { keys: [key], arguments: [newVersion(), String(CHANGING_TTL_SECONDS)] });
    } catch {
      throw new ServiceUnavailableError('Account changes are announced to every replica through Redis, which cannot be reached now; try again shortly');
    }
    try {
      return await write();
    } finally {
      await this.settle(key);
      // Redis's word that the version changed reaches this process on the same connection, after the reply.
      this.held.delete(id);
    }
  }

  private async versionOf(id: number): Promise<string> {
    const key = this.keyOf(id);
    const version = await this.tracked.get(key);
    if (version !== null) return version;
    // First read of this account since its version lapsed: make one; a reader racing here may make it instead.
    await this.tracked.set(key, newVersion(), { NX: true, EX: VERSION_TTL_SECONDS });
    const made = await this.tracked.get(key);
    if (made === null) throw new Error('the account version vanished as it was made');
    return made;
  }

  private async settle(key: string): Promise<void> {
    for (let attempt = 0; attempt < SETTLE_ATTEMPTS; attempt++) {
      try {
        await this.tracked.eval(SETTLE, { keys: [key], arguments: [newVersion(), String(VERSION_TTL_SECONDS), String(CHANGING_TTL_SECONDS)] });
        return;
      } catch (error) {
        if (attempt === SETTLE_ATTEMPTS - 1) {
          // Safe, only slower: the mark still counts this change until it lapses, and no process keeps a copy meanwhile.
          this.logger.warn(
            `account change settled without Redis (${error instanceof Error ? error.message : String(error)}); its mark lapses in ${CHANGING_TTL_SECONDS} s`,
          );
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, SETTLE_FIRST_WAIT_MS * 2 ** attempt));
      }
    }
  }

  private heartbeat(): void {
    if (!this.tracked.isReady) return;
    this.tracked.ping().then(
      () => (this.lastHeard = Date.now()),
      () => undefined, // the error listener forgets what is held
    );
  }

  private heard(): boolean {
    return Date.now() - this.lastHeard <= 3 * this.heartbeatMs;
  }

  private keyOf(id: number): string {
    return `${this.prefix}account:${id}:ver`;
  }
}
