import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A refresh token remembers the account's token_version it was issued under. A password change or
 * deactivation bumps that version, so a sign-in or refresh that read the account just before the change
 * (and inserted its token just after the change revoked every other) still cannot be used.
 */
export class RefreshTokensAccountVersion1796432400000 implements MigrationInterface {
  name = 'RefreshTokensAccountVersion1796432400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE refresh_tokens ADD COLUMN token_version integer NOT NULL DEFAULT 0`);
    // Live sessions keep working across the deploy: they were issued under the account's current version.
    await db.query(
      `UPDATE refresh_tokens t SET token_version = u.token_version FROM users u
        WHERE u.id = t.user_id AND t.used_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > now()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE refresh_tokens DROP COLUMN token_version`);
  }
}
