import { type SigningKey } from '@mercato/security';
import { keyIdOf, privateKeyFrom, publicKeyFrom } from '@mercato/server';
import type { UsersApiConfig } from './users-api.config';

export function signingKeyFrom(config: UsersApiConfig): SigningKey {
  const privateKey = privateKeyFrom(config.JWT_PRIVATE_KEY);
  return { privateKey, keyId: keyIdOf(publicKeyFrom(privateKey)) };
}
