import { createHash, createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';

/** Env files and Kubernetes secrets often carry PEMs with literal "\n"; accept both forms. */
export function pemFromEnv(value: string): string {
  return value.includes('\\n') ? value.replace(/\\n/g, '\n') : value;
}

export function privateKeyFrom(pem: string): KeyObject {
  return createPrivateKey(pemFromEnv(pem));
}

export function publicKeyFrom(pemOrPrivate: string | KeyObject): KeyObject {
  return typeof pemOrPrivate === 'string' ? createPublicKey(pemFromEnv(pemOrPrivate)) : createPublicKey(pemOrPrivate);
}

/** RFC 7638 thumbprint: a key id that changes exactly when the key does. */
export function keyIdOf(publicKey: KeyObject): string {
  const { e, kty, n } = publicKey.export({ format: 'jwk' });
  return createHash('sha256').update(JSON.stringify({ e, kty, n })).digest('base64url');
}

export function toJwk(publicKey: KeyObject): JsonWebKey & { kid: string; use: 'sig'; alg: string } {
  return { ...publicKey.export({ format: 'jwk' }), kid: keyIdOf(publicKey), use: 'sig', alg: 'RS256' };
}
