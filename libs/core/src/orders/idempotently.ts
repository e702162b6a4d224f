import { ConflictError, UnprocessableError, ValidationError } from '../common/errors';
import { IDEMPOTENCY_LEASE_SECONDS, IDEMPOTENCY_TTL_SECONDS, type IdempotencyStore } from './idempotency-store';

export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

/**
 * Runs `work` once per account and key (the IETF Idempotency-Key draft): a retry with the same request gets the
 * first answer, a different request with the key is refused (422), and one arriving while the first still runs
 * waits for nobody (409). A failure frees the key, so a retry runs again rather than replaying the refusal.
 * `request` names the operation and its input; keys are compared on it, so it must be canonical.
 */
export async function idempotently<T>(store: IdempotencyStore, userId: number, key: string, request: unknown, work: () => Promise<T>): Promise<T> {
  if (typeof key !== 'string' || key.length < 1 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new ValidationError([{ field: 'Idempotency-Key', rule: 'length', message: `Idempotency-Key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters` }]);
  }
  const ref = { userId, key };
  const fingerprint = JSON.stringify(request);
  const claim = await store.claim(ref, fingerprint, IDEMPOTENCY_LEASE_SECONDS);
  if (claim.state !== 'claimed' && claim.fingerprint !== fingerprint) {
    throw new UnprocessableError('This Idempotency-Key was already used for a different request; use a new key', 'Idempotency-Key');
  }
  if (claim.state === 'in-progress') throw new ConflictError('A request with this Idempotency-Key is still running; retry shortly', 'Idempotency-Key');
  if (claim.state === 'completed') return claim.response as T;
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await store.release(ref);
    throw error;
  }
  await store.complete(ref, result, IDEMPOTENCY_TTL_SECONDS);
  return result;
}
