import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { Logger } from '@nestjs/common';

export interface JwksCacheOptions {
  /** How often the key set is fetched again on its own, so a rotated-out key stops being accepted. */
  refreshIntervalMs: number;
  /** The shortest time between two fetches: tokens naming keys we do not know cannot make us fetch more often. */
  cooldownMs: number;
  /** How long one fetch may take before it counts as a failure. */
  timeoutMs?: number;
}

/** The key set could not be fetched and the token's key is not among the ones we hold: we cannot tell. */
export class SigningKeysUnavailableError extends Error {}
/** The key set is current and has no key with the token's `kid`: the token was not signed by the issuer. */
export class UnknownSigningKeyError extends Error {}

/**
 * The issuer's public keys from its JWKS URL, held in memory. Fetched on first use, again on a timer, and on a
 * token naming an unknown `kid` only if no fetch has started within the cooldown; concurrent requests share one
 * fetch. So a flood of tokens with made-up key ids costs at most one fetch per cooldown, and real users' tokens,
 * whose key is held, never wait on one.
 */
export class JwksCache {
  private readonly logger = new Logger('JwksCache');
  private keys = new Map<string, KeyObject>();
  /** Whether the last fetch brought a key set; while it did not, an unknown key id means "cannot tell". */
  private current = false;
  private lastFetchStarted = Number.NEGATIVE_INFINITY;
  private fetching?: Promise<void>;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly url: string,
    private readonly options: JwksCacheOptions,
  ) {
    this.timer = setInterval(() => void this.refresh(), options.refreshIntervalMs);
    this.timer.unref(); // never what keeps a process alive
  }

  async keyFor(kid: string | undefined): Promise<KeyObject> {
    const held = this.lookup(kid);
    if (held) return held;
    const fetch = this.fetching ?? (Date.now() - this.lastFetchStarted >= this.options.cooldownMs ? this.refresh() : undefined);
    await fetch;
    const fetched = this.lookup(kid);
    if (fetched) return fetched;
    throw this.current ? new UnknownSigningKeyError() : new SigningKeysUnavailableError();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private lookup(kid: string | undefined): KeyObject | undefined {
    if (kid !== undefined) return this.keys.get(kid);
    // A token without a key id can only mean the issuer's one key.
    return this.keys.size === 1 ? [...this.keys.values()][0] : undefined;
  }

  private refresh(): Promise<void> {
    this.lastFetchStarted = Date.now();
    this.fetching = this.download()
      .then((keys) => {
        this.keys = keys;
        this.current = true;
      })
      .catch((error: unknown) => {
        // Keys already held stay in use: an issuer that is briefly down locks nobody out.
        this.current = false;
        this.logger.warn({ err: error }, 'Could not fetch the token signing keys');
      })
      .finally(() => {
        this.fetching = undefined;
      });
    return this.fetching;
  }

  private async download(): Promise<Map<string, KeyObject>> {
    const res = await fetch(this.url, { signal: AbortSignal.timeout(this.options.timeoutMs ?? 5_000), headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`JWKS answered ${res.status}`);
    const body = (await res.json()) as { keys?: (JsonWebKey & { kid?: string; use?: string })[] };
    const keys = new Map<string, KeyObject>();
    for (const jwk of body.keys ?? []) {
      if (jwk.kty !== 'RSA' || (jwk.use && jwk.use !== 'sig') || typeof jwk.kid !== 'string') continue;
      keys.set(jwk.kid, createPublicKey({ key: jwk, format: 'jwk' }));
    }
    return keys;
  }
}
