import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every refresh asks whether any token of the presented token's family is revoked (a revoked session stays
 * revoked, even for a token its last rotation inserted after the revocation). Families grow by one row per
 * rotation; this index answers from the revoked rows alone.
 */
export class IndexRevokedRefreshFamilies1796428800000 implements MigrationInterface {
  name = 'IndexRevokedRefreshFamilies1796428800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX ix_refresh_tokens_revoked_family ON refresh_tokens (family_id) WHERE revoked_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX ix_refresh_tokens_revoked_family`);
  }
}
