import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the OAuth authorization server keeps between requests (clients registered dynamically, interactions,
 * sessions, grants, authorization codes, refresh tokens), so any users-api replica can finish a flow another
 * began. One table keyed by model and id: the payloads are the library's own documents.
 */
export class CreateOauthRecords1796500000000 implements MigrationInterface {
  name = 'CreateOauthRecords1796500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE oauth_records (
        model text NOT NULL,
        id text NOT NULL,
        payload jsonb NOT NULL,
        grant_id text,
        uid text,
        account_id text,
        client_id text,
        expires_at timestamptz,
        consumed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (model, id)
      )`);
    await db.query(`CREATE INDEX oauth_records_grant ON oauth_records (grant_id) WHERE grant_id IS NOT NULL`);
    await db.query(`CREATE INDEX oauth_records_uid ON oauth_records (uid) WHERE uid IS NOT NULL`);
    await db.query(`CREATE INDEX oauth_records_account ON oauth_records (account_id, model) WHERE account_id IS NOT NULL`);
    await db.query(`CREATE INDEX oauth_records_expiry ON oauth_records (expires_at) WHERE expires_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE oauth_records`);
  }
}
