import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What apps may spend for a user: each account's own limit per checkout (integer cents; null follows the platform
 * default), and on each checkout whether a purchase above it waits for the user's approval or has it, and which app
 * (OAuth client id) asked.
 */
export class AgentSpending1796507200000 implements MigrationInterface {
  name = 'AgentSpending1796507200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN agent_checkout_limit_cents bigint CHECK (agent_checkout_limit_cents BETWEEN 0 AND 100000000)`);
    await db.query(`ALTER TABLE checkouts ADD COLUMN approval text CHECK (approval IN ('pending', 'approved'))`);
    await db.query(`ALTER TABLE checkouts ADD COLUMN approval_requested_by text`);
    await db.query(`ALTER TABLE checkouts ADD CONSTRAINT checkouts_approval_requested_by CHECK ((approval IS NULL) = (approval_requested_by IS NULL))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE checkouts DROP COLUMN approval_requested_by`);
    await db.query(`ALTER TABLE checkouts DROP COLUMN approval`);
    await db.query(`ALTER TABLE users DROP COLUMN agent_checkout_limit_cents`);
  }
}
