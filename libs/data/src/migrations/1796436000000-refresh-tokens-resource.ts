import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A refresh token remembers the resource (RFC 8707) its session was signed in for, so a refresh issues access
 * tokens for the same service: a session for the MCP gateway stays one. Null is the REST APIs, which is what
 * every session before this change was for.
 */
export class RefreshTokensResource1796436000000 implements MigrationInterface {
  name = 'RefreshTokensResource1796436000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE refresh_tokens ADD COLUMN resource text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE refresh_tokens DROP COLUMN resource`);
  }
}
