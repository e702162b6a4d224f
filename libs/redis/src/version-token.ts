import { randomBytes } from 'node:crypto';

/** 72 random bits drawn once per process (always 12 characters): with a counter after it, every version made is new everywhere. */
const PROCESS_TOKEN = randomBytes(9).toString('base64url');
let versionsMade = 0;

/**
 * A version no process has used, so a version that expired or was evicted never comes back as the same value (as a
 * counter restarting from zero would), and nothing kept under an old one can be mistaken for current. Cheap enough
 * to make one on every read, in case the read has to set it.
 */
export function newVersion(): string {
  return `${PROCESS_TOKEN}${(versionsMade++).toString(36)}`;
}
