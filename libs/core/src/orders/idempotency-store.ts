/** Whose key it is: keys are per account, so two accounts never share an answer. */
export interface IdempotencyKeyRef {
  userId: number;
  key: string;
}

export type IdempotencyClaim =
  /** The key was free and is now held for this request: run it, then `complete` or `release`. */
  | { state: 'claimed' }
  /** The first request with this key is still running. */
  | { state: 'in-progress'; fingerprint: string }
  /** The first request finished; `response` is its answer. */
  | { state: 'completed'; fingerprint: string; response: unknown };

/**
 * Remembers answers to retried writes (the IETF Idempotency-Key draft): a key with its request fingerprint,
 * first claimed while the request runs (for at most `leaseSeconds`), then holding the answer for `ttlSeconds`.
 * `claim` must decide atomically (an INSERT … ON CONFLICT, a Redis SET NX), so of requests racing with one key
 * exactly one runs; a claim whose lease or answer has run out is free to take.
 */
export abstract class IdempotencyStore {
  abstract claim(ref: IdempotencyKeyRef, fingerprint: string, leaseSeconds: number): Promise<IdempotencyClaim>;
  /** Stores the answer of the request that claimed the key, kept `ttlSeconds` from now. */
  abstract complete(ref: IdempotencyKeyRef, response: unknown, ttlSeconds: number): Promise<void>;
  /** Frees the key of a request that failed, so a retry runs afresh instead of replaying the failure. */
  abstract release(ref: IdempotencyKeyRef): Promise<void>;
  /** Forgets up to `limit` keys whose time is up; returns how many. */
  abstract purgeExpired(limit: number): Promise<number>;
}

/** Answers are kept for 24 hours, as the IETF draft suggests. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;

/**
 * How long a running request holds its key. Far beyond any request's time; it only matters when a process died
 * mid-request, which would otherwise leave the key "still running" for a day.
 */
export const IDEMPOTENCY_LEASE_SECONDS = 120;
