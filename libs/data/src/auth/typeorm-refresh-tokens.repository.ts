import { type RefreshTokenRecord, RefreshTokensRepository } from '@mercato/core';
import { IsNull, type DataSource } from 'typeorm';
import { RefreshTokenEntity } from './refresh-token.entity';

export class TypeormRefreshTokensRepository extends RefreshTokensRepository {
  constructor(private readonly db: DataSource) {
    super();
  }

  private get repo() {
    return this.db.getRepository(RefreshTokenEntity);
  }

  async create(token: { userId: number; familyId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    await this.repo.insert(token);
  }

  /** One guarded UPDATE: of two requests presenting the same token, exactly one gets it back. */
  async consume(tokenHash: string): Promise<RefreshTokenRecord | null> {
    const result = await this.repo
      .createQueryBuilder()
      .update()
      .set({ usedAt: () => 'now()' })
      .where('token_hash = :tokenHash AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()', { tokenHash })
      .returning('id, user_id AS "userId", family_id AS "familyId", expires_at AS "expiresAt", used_at AS "usedAt", revoked_at AS "revokedAt"')
      .execute();
    return (result.raw as RefreshTokenRecord[])[0] ?? null;
  }

  findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    return this.repo.findOneBy({ tokenHash });
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.repo.update({ familyId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }

  async revokeAllForUser(userId: number): Promise<void> {
    await this.repo.update({ userId, revokedAt: IsNull() }, { revokedAt: () => 'now()' });
  }
}
