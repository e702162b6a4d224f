import { type IdempotencyClaim, type IdempotencyKeyRef, IdempotencyStore } from '@mercato/core';
import type { EntityManager } from 'typeorm';
import { type DatabaseHandle, managerOf } from '../transactions';

/** A claim can lose its row to a release between two statements; it then simply tries again. */
const CLAIM_ATTEMPTS = 5;

/**
 * Idempotency keys in PostgreSQL, one row per (account, key). The INSERT … ON CONFLICT decides a claim in one
 * statement: of requests racing with one key exactly one inserts (or takes over an expired row) and the rest
 * read the row it left. Runs outside any unit of work, so a claim is visible to the racers at once.
 */
export class PostgresIdempotencyStore extends IdempotencyStore {
  private readonly db: EntityManager;

  constructor(db: DatabaseHandle) {
    super();
    this.db = managerOf(db);
  }

  async claim({ userId, key }: IdempotencyKeyRef, fingerprint: string, leaseSeconds: number): Promise<IdempotencyClaim> {
    for (let attempt = 1; ; attempt++) {
      const claimed = (await this.db.query(
        `INSERT INTO idempotency_keys (user_id, key, fingerprint, state, expires_at)
         VALUES ($1, $2, $3, 'in-progress', now() + make_interval(secs => $4))
         ON CONFLICT (user_id, key) DO UPDATE
           SET fingerprint = EXCLUDED.fingerprint, state = 'in-progress', response = NULL,
               expires_at = EXCLUDED.expires_at, created_at = now()
           WHERE idempotency_keys.expires_at <= now()
         RETURNING 1`,
        [userId, key, fingerprint, leaseSeconds],
      )) as unknown[];
      if (claimed.length) return { state: 'claimed' };
      const [held] = (await this.db.query(`SELECT fingerprint, state, response FROM idempotency_keys WHERE user_id = $1 AND key = $2`, [userId, key])) as {
        fingerprint: string;
        state: 'in-progress' | 'completed';
        response: unknown;
      }[];
      if (held)
        return held.state === 'completed'
          ? { state: 'completed', fingerprint: held.fingerprint, response: held.response }
          : { state: 'in-progress', fingerprint: held.fingerprint };
      if (attempt >= CLAIM_ATTEMPTS) throw new Error(`idempotency key ${key} kept changing hands`);
    }
  }

  async complete({ userId, key }: IdempotencyKeyRef, response: unknown, ttlSeconds: number): Promise<void> {
    await this.db.query(
      `UPDATE idempotency_keys SET state = 'completed', response = $3, expires_at = now() + make_interval(secs => $4) WHERE user_id = $1 AND key = $2`,
      [userId, key, JSON.stringify(response ?? null), ttlSeconds],
    );
  }

  async purgeExpired(limit: number): Promise<number> {
    const [, count] = (await this.db.query(
      `DELETE FROM idempotency_keys WHERE (user_id, key) IN (SELECT user_id, key FROM idempotency_keys WHERE expires_at <= now() LIMIT $1)`,
      [limit],
    )) as [unknown, number];
    return count;
  }

  async release({ userId, key }: IdempotencyKeyRef): Promise<void> {
    await this.db.query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND state = 'in-progress'`, [userId, key]);
  }
}
