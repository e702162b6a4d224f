import { type Checkout, type CheckoutChanges, CheckoutsRepository, type NewCheckout } from '@mercato/core';
import type { EntityManager } from 'typeorm';
import { type DatabaseHandle, managerOf } from '../transactions';
import { isUuid } from './uuid';

const CHECKOUT_COLUMNS = `id, user_id AS "userId", status, currency, lines, expires_at AS "expiresAt",
  created_at AS "createdAt", updated_at AS "updatedAt", order_id AS "orderId",
  CASE WHEN approval IS NULL THEN NULL ELSE json_build_object('state', approval, 'requestedBy', approval_requested_by) END AS approval`;

/** Checkouts with their lines as one jsonb array: a checkout is always read and rewritten whole. */
export class TypeormCheckoutsRepository extends CheckoutsRepository {
  private readonly db: EntityManager;

  constructor(db: DatabaseHandle) {
    super();
    this.db = managerOf(db);
  }

  async insert({ userId, currency, lines, expiresAt }: NewCheckout): Promise<Checkout> {
    const [row] = (await this.db.query(`INSERT INTO checkouts (user_id, currency, lines, expires_at) VALUES ($1, $2, $3, $4) RETURNING ${CHECKOUT_COLUMNS}`, [
      userId,
      currency,
      JSON.stringify(lines),
      expiresAt,
    ])) as Checkout[];
    return row;
  }

  findById(id: string): Promise<Checkout | null> {
    return this.selectOne(id, '');
  }

  lock(id: string): Promise<Checkout | null> {
    return this.selectOne(id, 'FOR UPDATE');
  }

  async save(id: string, { status, lines, orderId, approval }: CheckoutChanges): Promise<Checkout> {
    // approval may be set to null, so whether it changes travels apart from its value
    const [rows] = (await this.db.query(
      `UPDATE checkouts SET status = coalesce($2, status), lines = coalesce($3::jsonb, lines), order_id = coalesce($4, order_id),
         approval = CASE WHEN $5 THEN $6 ELSE approval END, approval_requested_by = CASE WHEN $5 THEN $7 ELSE approval_requested_by END,
         updated_at = now()
       WHERE id = $1 RETURNING ${CHECKOUT_COLUMNS}`,
      [
        id,
        status ?? null,
        lines ? JSON.stringify(lines) : null,
        orderId ?? null,
        approval !== undefined,
        approval?.state ?? null,
        approval?.requestedBy ?? null,
      ],
    )) as [Checkout[], number];
    if (!rows[0]) throw new Error(`checkout ${id} is not stored`);
    return rows[0];
  }

  async claimExpired(now: Date, limit: number): Promise<Checkout[]> {
    return (await this.db.query(
      `SELECT ${CHECKOUT_COLUMNS} FROM checkouts
       WHERE status = 'ready_for_complete' AND expires_at <= $1
       ORDER BY expires_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    )) as Checkout[];
  }

  private async selectOne(id: string, lock: '' | 'FOR UPDATE'): Promise<Checkout | null> {
    if (!isUuid(id)) return null;
    const rows = (await this.db.query(`SELECT ${CHECKOUT_COLUMNS} FROM checkouts WHERE id = $1 ${lock}`, [id])) as Checkout[];
    return rows[0] ?? null;
  }
}
