import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Secrets for the local platform, made on first start and kept with the local data so tokens survive a
 * restart; never used when the environment supplies its own. Files are readable by their owner only.
 */
export function localSecrets(dataDir: string): { privateKey: string; publicKey: string; pgPassword: string } {
  // The data folder itself stays enterable: embedded PostgreSQL (as its own user) keeps its files below it.
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  const dir = join(dataDir, 'secrets');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const privateFile = join(dir, 'jwt-private.pem');
  const publicFile = join(dir, 'jwt-public.pem');
  if (!existsSync(privateFile)) {
    const pair = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    writeFileSync(privateFile, pair.privateKey, { mode: 0o600 });
    writeFileSync(publicFile, pair.publicKey, { mode: 0o644 });
  }
  const pgFile = join(dir, 'pg-password');
  if (!existsSync(pgFile)) writeFileSync(pgFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  return { privateKey: readFileSync(privateFile, 'utf8'), publicKey: readFileSync(publicFile, 'utf8'), pgPassword: readFileSync(pgFile, 'utf8').trim() };
}
