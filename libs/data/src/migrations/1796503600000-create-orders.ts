import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The orders context: checkouts holding stock, the orders they become, and the idempotency keys of retried
 * writes. Money is integer cents (bigint), as the domain counts it, so sums are exact. Order lines are a table
 * of their own, carrying their order's creation time, so sales reports range-scan one index over millions of
 * lines instead of unpacking documents; a checkout's lines are read and replaced whole and never aggregated,
 * so they stay a jsonb array on the checkout, checked element by element.
 */
export class CreateOrders1796503600000 implements MigrationInterface {
  name = 'CreateOrders1796503600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE checkouts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id integer NOT NULL REFERENCES users (id),
        status text NOT NULL DEFAULT 'ready_for_complete'
          CHECK (status IN ('ready_for_complete', 'completed', 'canceled', 'expired')),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        lines jsonb NOT NULL CHECK (
          jsonb_typeof(lines) = 'array' AND jsonb_array_length(lines) > 0
          AND NOT jsonb_path_exists(lines, '$[*] ? (@.quantity < 1 || @.quantity > 1000 || @.unitPriceCents < 0)')
        ),
        expires_at timestamptz NOT NULL,
        order_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (order_id IS NULL OR status = 'completed')
      )`);
    // Only checkouts still holding stock are ever claimed for expiry, so only they are indexed.
    await db.query(`CREATE INDEX ix_checkouts_claimable ON checkouts (expires_at, id) WHERE status = 'ready_for_complete'`);
    await db.query(`CREATE INDEX ix_checkouts_user ON checkouts (user_id, created_at DESC)`);

    await db.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        checkout_id uuid NOT NULL REFERENCES checkouts (id),
        user_id integer NOT NULL REFERENCES users (id),
        status text NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'shipped', 'delivered', 'canceled')),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT orders_checkout_id_key UNIQUE (checkout_id)
      )`);
    await db.query(`ALTER TABLE checkouts ADD CONSTRAINT checkouts_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id)`);
    // Lists are newest first with id breaking ties: one index per filter a list may start from.
    await db.query(`CREATE INDEX ix_orders_user_created ON orders (user_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX ix_orders_status_created ON orders (status, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX ix_orders_created ON orders (created_at DESC, id DESC)`);
    // Reports leave out canceled orders, a small minority: an anti-join against this index finds them cheaply.
    await db.query(`CREATE INDEX ix_orders_canceled ON orders (id) WHERE status = 'canceled'`);

    await db.query(`
      CREATE TABLE order_lines (
        order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
        product_id integer NOT NULL,
        name varchar(200) NOT NULL,
        unit_price_cents bigint NOT NULL CHECK (unit_price_cents >= 0),
        quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
        created_at timestamptz NOT NULL,
        PRIMARY KEY (order_id, product_id)
      )`);
    // product_id has no foreign key: a line keeps its own copy of the name and price, products are only ever
    // deactivated, and the products context stays free to empty its table without knowing orders exist.
    // A date range of a sales report reads only this index (an index-only scan once the table is vacuumed).
    await db.query(`CREATE INDEX ix_order_lines_created ON order_lines (created_at) INCLUDE (order_id, product_id, quantity, unit_price_cents)`);
    await db.query(`CREATE INDEX ix_order_lines_product ON order_lines (product_id, created_at)`);

    await db.query(`
      CREATE TABLE idempotency_keys (
        user_id integer NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        fingerprint text NOT NULL,
        state text NOT NULL CHECK (state IN ('in-progress', 'completed')),
        response jsonb,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key),
        CHECK (state = 'in-progress' OR response IS NOT NULL)
      )`);
    await db.query(`CREATE INDEX ix_idempotency_keys_expiry ON idempotency_keys (expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys`);
    await db.query(`ALTER TABLE checkouts DROP CONSTRAINT checkouts_order_id_fkey`);
    await db.query(`DROP TABLE order_lines`);
    await db.query(`DROP TABLE orders`);
    await db.query(`DROP TABLE checkouts`);
  }
}
