import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { JsonText, type Page, ProductCache, type ProductView } from '@mercato/core';
import { RESP_TYPES } from 'redis';
import type { Redis } from './redis-client';
import { newVersion } from './version-token';

/** The counter lookups are reported to (the service's metrics), so hit rates show without this lib knowing Prometheus. */
export interface CacheMetrics {
  cacheLookups: { inc(labels: { result: 'hit' | 'miss' | 'error' }): void };
}

/**
 * Reads a version and the entry stored under it in one round trip. A missing version (never written, expired
 * or evicted) is created with the caller's fresh token, so the entries of every earlier version stay unreachable.
 */
const READ_VERSIONED = `local v = redis.call('GET', KEYS[1])
if not v then
  v = ARGV[2]
  redis.call('SET', KEYS[1], v, 'EX', ARGV[3])
end
return {v, redis.call('GET', ARGV[1] .. v)}`;
const READ_VERSIONED_SHA = createHash('sha1').update(READ_VERSIONED).digest('hex');

/**
 * How long a version outlives the last write that set it. Any value is safe (a lost version only empties the
 * cache of what hung under it); a day keeps that rare, and Redis may still evict one early under memory pressure.
 */
const VERSION_TTL_SECONDS = 86_400;

/**
 * Versioned keys: an entry's key embeds a version that every write replaces with a fresh random token. A
 * reader that loaded from the database while a write committed stores its (possibly old) copy under the old
 * version, which no reader asks for any more, so no interleaving can resurrect stale data. Tokens never repeat,
 * so versions can expire (every key here has a TTL, and Redis may evict any of them under `volatile-lru`)
 * without an old entry becoming reachable again, as it would if a counter restarted from zero. Each product
 * has its own version (id reads survive writes to other products); slug and list entries follow the
 * catalog-wide version, because any write can change a list page. Entries expire after `ttlSeconds`,
 * bounding staleness if Redis is unreachable at the moment of a write.
 */
export class RedisProductCache extends ProductCache {
  private readonly logger = new Logger('ProductCache');
  /** Products written while their invalidation could not reach Redis. */
  private readonly missed = new Set<number>();
  private replaying?: Promise<boolean>;
  /** The same connection, answering strings as bytes: an entry goes out as Redis sent it, never decoded. */
  private readonly bytes;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
    private readonly metrics: CacheMetrics,
  ) {
    super();
    this.bytes = redis.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
    redis.on('ready', () => void this.replayMissed());
  }

  byId(id: number, load: () => Promise<ProductView | null>) {
    return this.readThrough(`${this.prefix}product:${id}:ver`, `${this.prefix}product:${id}:v`, load);
  }

  bySlug(slug: string, load: () => Promise<ProductView | null>) {
    return this.readThrough(this.catalogVersion, `${this.prefix}slug:${digest(slug)}:v`, load);
  }

  list(query: string, load: () => Promise<Page<ProductView>>) {
    return this.readThrough(this.catalogVersion, `${this.prefix}list:${digest(query)}:v`, load);
  }

  async invalidate(productId: number): Promise<void> {
    this.missed.add(productId);
    await this.replayMissed();
  }

  /**
   * Replaces the versions of every product whose write Redis did not hear about, before anything else is read
   * here, and as soon as the connection is back: an invalidation lost while Redis was unreachable would
   * otherwise leave a stale entry for the whole TTL. The ids are claimed before the round trip, so a write
   * landing meanwhile is replayed by the next call, not dropped; concurrent callers share one round trip.
   * If this process dies first, the TTL is the bound.
   */
  private replayMissed(): Promise<boolean> {
    if (!this.missed.size) return Promise.resolve(true);
    this.replaying ??= this.sendMissed().finally(() => (this.replaying = undefined));
    return this.replaying;
  }

  private async sendMissed(): Promise<boolean> {
    if (!this.redis.isReady) {
      this.warn('invalidate', new Error('not connected'));
      return false;
    }
    const ids = [...this.missed];
    this.missed.clear();
    try {
      const version = newVersion();
      const batch = this.redis.multi().set(this.catalogVersion, version, { EX: this.versionTtl });
      for (const id of ids) batch.set(`${this.prefix}product:${id}:ver`, version, { EX: this.versionTtl });
      await batch.exec();
      return this.missed.size === 0 || this.sendMissed();
    } catch (error) {
      for (const id of ids) this.missed.add(id);
      this.warn('invalidate', error);
      return false;
    }
  }

  private get versionTtl() {
    return Math.max(VERSION_TTL_SECONDS, this.ttlSeconds);
  }

  private get catalogVersion() {
    return `${this.prefix}catalog:ver`;
  }

  /** The entry as Redis holds it (its text, parsed only if asked), or what `load` found, stored for next time. */
  private async readThrough<T>(versionKey: string, entryPrefix: string, load: () => Promise<T>): Promise<JsonText<T>> {
    if (!this.redis.isReady || !(await this.replayMissed())) {
      this.metrics.cacheLookups.inc({ result: 'error' });
      return JsonText.of(await load());
    }
    let version: string;
    try {
      const [v, cached] = (await this.readVersioned(versionKey, [entryPrefix, newVersion(), String(this.versionTtl)])) as [Buffer, Buffer | null];
      this.metrics.cacheLookups.inc({ result: cached === null ? 'miss' : 'hit' });
      if (cached !== null) return new JsonText<T>(cached);
      version = v.toString();
    } catch (error) {
      this.metrics.cacheLookups.inc({ result: 'error' });
      this.warn('read', error);
      return JsonText.of(await load());
    }
    const fresh = JsonText.of(await load());
    if (fresh.value !== null) {
      this.redis.set(`${entryPrefix}${version}`, fresh.json, { EX: this.ttlSeconds }).catch((error: unknown) => this.warn('write', error));
    }
    return fresh;
  }

  /** By the script's digest, so Redis neither receives nor hashes its text per read; sent whole only when Redis lacks it. */
  private async readVersioned(versionKey: string, args: string[]): Promise<unknown> {
    const options = { keys: [versionKey], arguments: args };
    try {
      return await this.bytes.evalSha(READ_VERSIONED_SHA, options);
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
      return this.bytes.eval(READ_VERSIONED, options);
    }
  }

  private warn(what: string, error: unknown): void {
    this.logger.warn(`cache ${what} skipped: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function digest(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}
