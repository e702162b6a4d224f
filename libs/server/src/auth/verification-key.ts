import type { KeyObject } from 'node:crypto';
import type { ServerConfig } from '../config/server-config';
import { publicKeyFrom } from './keys';

/** The public key this service verifies tokens with; absent when it fetches keys from a JWKS URL instead. */
export class VerificationKey {
  constructor(readonly publicKey: KeyObject | null) {}

  static fromConfig(config: ServerConfig, signingKey?: KeyObject): VerificationKey {
    if (signingKey) return new VerificationKey(publicKeyFrom(signingKey));
    return new VerificationKey(config.JWT_PUBLIC_KEY ? publicKeyFrom(config.JWT_PUBLIC_KEY) : null);
  }
}
