import * as argon2 from 'argon2';

export abstract class PasswordHasher {
  abstract hash(password: string): Promise<string>;
  abstract verify(hash: string, password: string): Promise<boolean>;
  /** A hash of nothing in particular: verifying against it costs what a real check costs, so unknown users are not faster. */
  abstract dummyHash(): Promise<string>;
}

export interface Argon2Settings {
  /** KiB; OWASP's argon2id minimum is 19 MiB with 2 passes and 1 lane. */
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export const OWASP_ARGON2: Argon2Settings = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** argon2 hashes on libuv's thread pool, so logins never block the event loop that serves other requests. */
export class Argon2PasswordHasher extends PasswordHasher {
  private dummy?: Promise<string>;

  constructor(private readonly settings: Argon2Settings = OWASP_ARGON2) {
    super();
  }

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id, ...this.settings });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false; // a malformed stored hash is a failed login, not a crash
    }
  }

  dummyHash(): Promise<string> {
    this.dummy ??= this.hash('not-a-real-password-0');
    return this.dummy;
  }
}
