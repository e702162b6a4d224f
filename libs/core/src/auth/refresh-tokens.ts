export interface RefreshTokenRecord {
  id: number;
  userId: number;
  familyId: string;
  /** The account's token_version when this token was issued; a password change or deactivation moves it on. */
  tokenVersion: number;
  /** The resource (RFC 8707) its access tokens are for, so a refresh issues for the same one; null for the REST APIs. */
  resource: string | null;
  usedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}

export interface NewRefreshToken {
  userId: number;
  familyId: string;
  tokenHash: string;
  tokenVersion: number;
  /** Absent or null: for the REST APIs. */
  resource?: string | null;
  expiresAt: Date;
}

/** Storage for rotating refresh tokens; only their hashes are kept (see RefreshTokenSecrets). */
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

/**
 * Where the secrets of refresh tokens come from: unguessable tokens, the hash stored in place of each, and the
 * ids of sessions. libs/security holds the implementation.
 */
export abstract class RefreshTokenSecrets {
  /** A new token to hand out, and the hash to store instead of it. */
  abstract create(): { token: string; hash: string };
  /** The hash a presented token is looked up by: the one `create` stored for it. */
  abstract hash(token: string): string;
  /** A new UUID naming a session: the family every token rotated from its first one shares. */
  abstract newFamilyId(): string;
}
