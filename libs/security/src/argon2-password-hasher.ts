import { availableParallelism } from 'node:os';
import { PasswordHasher } from '@mercato/core';
import * as argon2 from 'argon2';
import { ConcurrencyLimit } from './concurrency-limit';

export interface Argon2Settings {
  /** KiB; OWASP's argon2id minimum is 19 MiB with 2 passes and 1 lane. */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
  /** Hashes computed at once; the default leaves one core to the event loop and the database. */
  maxConcurrent?: number;
}

export const OWASP_ARGON2: Argon2Settings = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/**
 * argon2 hashes on libuv's thread pool, so logins never block the event loop. A burst of logins could still
 * take every core from it, so hashes beyond `maxConcurrent` wait their turn instead.
 */
export class Argon2PasswordHasher extends PasswordHasher {
  private dummy?: Promise<string>;
  /** Every hash and verification of this hasher runs inside this limit. */
  readonly concurrency: ConcurrencyLimit;
  private readonly options: argon2.HashOptions & { raw: false };

  constructor({ maxConcurrent, ...cost }: Argon2Settings = OWASP_ARGON2) {
    super();
    this.concurrency = new ConcurrencyLimit(maxConcurrent ?? Math.max(1, availableParallelism() - 1));
    this.options = { type: argon2.argon2id, raw: false, ...cost };
  }

  hash(password: string): Promise<string> {
    return this.concurrency.run(() => argon2.hash(password, this.options));
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await this.concurrency.run(() => argon2.verify(hash, password));
    } catch {
      return false; // a malformed stored hash is a failed login, not a crash
    }
  }

  dummyHash(): Promise<string> {
    this.dummy ??= this.hash('not-a-real-password-0');
    return this.dummy;
  }
}
