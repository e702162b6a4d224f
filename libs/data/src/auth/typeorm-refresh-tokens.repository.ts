import { type NewRefreshToken, type RefreshTokenRecord, RefreshTokensRepository } from '@mercato/core';
import { IsNull, type EntityManager } from 'typeorm';
import { type DatabaseHandle, managerOf } from '../transactions';
import { RefreshTokenEntity } from './refresh-token.entity';

export class TypeormRefreshTokensRepository extends RefreshTokensRepository {
  private readonly db: EntityManager;

  constructor(db: DatabaseHandle) {
    super();
    this.db = managerOf(db);
  }

  private get repo() {
    return this.db.getRepository(RefreshTokenEntity);
  }

  async create(token: NewRefreshToken): Promise<void> {
    await this.repo.insert(token);
  }

  /**
   * One guarded UPDATE: of two requests presenting the same token, exactly one gets it back; and none does
   * once any token of its family is revoked (a replay revokes the family, maybe before the winner of the race
   * inserted its new token, which must die with the rest), nor once the account's token_version moved on (a
   * password change or deactivation racing a sign-in that read the account before it).
   */
  async consume(tokenHash: string): Promise<RefreshTokenRecord | null> {
    // For an UPDATE the driver answers [rows, row count].
    const [rows]: [RefreshTokenRecord[], number] = await this.db.query(
      `UPDATE refresh_tokens t SET used_at = now()
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > now()
          AND NOT EXISTS (SELECT 1 FROM refresh_tokens f WHERE f.family_id = t.family_id AND f.revoked_at IS NOT NULL)
          AND t.token_version = (SELECT u.token_version FROM users u WHERE u.id = t.user_id)
        RETURNING t.id, t.user_id AS "userId", t.family_id AS "familyId", t.token_version AS "tokenVersion", t.resource, t.expires_at AS "expiresAt", t.used_at AS "usedAt", t.revoked_at AS "revokedAt"`,
      [tokenHash],
    );
    return rows[0] ?? null;
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.repo.update({ familyId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }

  async revokeFamilyOf(tokenHash: string): Promise<void> {
    await this.revokeFamilyWhere('token_hash = $1', tokenHash);
  }

  async revokeFamilyOfUsed(tokenHash: string): Promise<void> {
    await this.revokeFamilyWhere('token_hash = $1 AND used_at IS NOT NULL', tokenHash);
  }

  /** One statement finds the family and revokes it, so nothing can slip between a read and the write. */
  private async revokeFamilyWhere(condition: string, tokenHash: string): Promise<void> {
    await this.db.query(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE revoked_at IS NULL AND family_id IN (SELECT family_id FROM refresh_tokens WHERE ${condition})`,
      [tokenHash],
    );
  }

  async revokeAllForUser(userId: number): Promise<void> {
    await this.repo.update({ userId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }
}
