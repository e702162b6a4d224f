import { generateKeyPairSync } from 'node:crypto';

let cached: { privateKey: string; publicKey: string } | undefined;

/** One RSA key pair per test process, generated on first use; never a key committed to the repo. */
export function testKeys(): { privateKey: string; publicKey: string } {
  cached ??= generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return cached;
}
