import { AgentLimits } from '@mercato/core';
import type { DataSource } from 'typeorm';

/** Each account's agent spending limit, a column of the users table (null: the platform default). */
export class TypeormAgentLimits extends AgentLimits {
  constructor(private readonly db: DataSource) {
    super();
  }

  async find(userId: number): Promise<number | null> {
    const rows = (await this.db.query(`SELECT agent_checkout_limit_cents AS cents FROM users WHERE id = $1`, [userId])) as { cents: string | null }[];
    const cents = rows[0]?.cents;
    return cents === null || cents === undefined ? null : Number(cents);
  }

  async set(userId: number, cents: number | null): Promise<void> {
    await this.db.query(`UPDATE users SET agent_checkout_limit_cents = $2, updated_at = now() WHERE id = $1`, [userId, cents]);
  }
}
