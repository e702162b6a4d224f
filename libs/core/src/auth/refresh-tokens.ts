import { createHash, randomBytes } from 'node:crypto';

export interface RefreshTokenRecord {
  id: number;
  userId: number;
  familyId: string;
  /** The account's token_version when this token was issued; a password change or deactivation moves it on. */
  tokenVersion: number;
  usedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}

export interface NewRefreshToken {
  userId: number;
  familyId: string;
  tokenHash: string;
  tokenVersion: number;
  expiresAt: Date;
}

/** Storage for rotating refresh tokens; only their SHA-256 hashes are kept. */
export abstract class RefreshTokensRepository {
  abstract create(token: NewRefreshToken): Promise<void>;
  /**
   * Atomically marks a live token used and returns it; null when it is unknown, used, revoked or expired, or
   * when any token of its family is revoked (a session is revoked as a whole, even a token inserted after),
   * or when the account's token_version has moved on since the token was issued.
   */
  abstract consume(tokenHash: string): Promise<RefreshTokenRecord | null>;
  abstract revokeFamily(familyId: string): Promise<void>;
  /** Revokes the family of the token, in one statement; nothing when the token is unknown. */
  abstract revokeFamilyOf(tokenHash: string): Promise<void>;
  /** Revokes the family of the token if that token was already used (a replay), in one statement. */
  abstract revokeFamilyOfUsed(tokenHash: string): Promise<void>;
  abstract revokeAllForUser(userId: number): Promise<void>;
}

/** 256 random bits: a hash without salt is enough, as nobody can guess their way to a preimage. */
export function newRefreshToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRefreshToken(token) };
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
