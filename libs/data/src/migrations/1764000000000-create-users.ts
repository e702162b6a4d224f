import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsers1764000000000 implements MigrationInterface {
  name = 'CreateUsers1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email varchar(254) NOT NULL,
        username varchar(50) NOT NULL,
        full_name varchar(200),
        password_hash text NOT NULL,
        role varchar(16) NOT NULL DEFAULT 'user' CHECK (role IN ('admin', 'user', 'guest')),
        is_active boolean NOT NULL DEFAULT true,
        is_verified boolean NOT NULL DEFAULT false,
        token_version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Uniqueness is decided here, not by a look-up in Node, so racing registrations cannot both win.
    await db.query(`CREATE UNIQUE INDEX uq_users_email ON users (lower(email))`);
    await db.query(`CREATE UNIQUE INDEX uq_users_username ON users (lower(username))`);
    await db.query(`CREATE INDEX ix_users_role_active ON users (role, is_active)`);
    await db.query(`
      CREATE TABLE refresh_tokens (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        user_id integer NOT NULL REFERENCES users (id),
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_refresh_tokens_hash ON refresh_tokens (token_hash)`);
    await db.query(`CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id)`);
    await db.query(`CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE refresh_tokens`);
    await db.query(`DROP TABLE users`);
  }
}
