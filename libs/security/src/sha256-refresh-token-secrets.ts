import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { RefreshTokenSecrets } from '@mercato/core';

/** 256 random bits per token: a hash without salt is enough, as nobody can guess their way to a preimage. */
export class Sha256RefreshTokenSecrets extends RefreshTokenSecrets {
  create(): { token: string; hash: string } {
    const token = randomBytes(32).toString('base64url');
    return { token, hash: this.hash(token) };
  }

  hash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  newFamilyId(): string {
    return randomUUID();
  }
}
