import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every refresh asks whether any token of the presented token's family is revoked (a revoked session stays
 * revoked, even for a token its last rotation inserted after the revocation). Families grow by one row per
 * rotation; this index answers from the revoked rows alone.
 */
export class IndexRevokedRefreshFamilies1796428800000 implements MigrationInterface {
  name = 'IndexRevokedRefreshFamilies1796428800000';
  // Built CONCURRENTLY, outside a transaction: a plain CREATE INDEX would block sign-ins, refreshes and
  // sign-outs on a live refresh_tokens table for as long as the build takes.
  transaction = false;

  async up(db: QueryRunner): Promise<void> {
    // A build interrupted earlier leaves an invalid index behind under the same name; start afresh.
    await db.query(`DROP INDEX CONCURRENTLY IF EXISTS ix_refresh_tokens_revoked_family`);
    await db.query(`CREATE INDEX CONCURRENTLY ix_refresh_tokens_revoked_family ON refresh_tokens (family_id) WHERE revoked_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX CONCURRENTLY IF EXISTS ix_refresh_tokens_revoked_family`);
  }
}
