import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProducts1764100000000 implements MigrationInterface {
  name = 'CreateProducts1764100000000';

  async up(db: QueryRunner): Promise<void> {
    // pg_trgm is a trusted extension: any owner of the database may create it, managed services included.
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`
      CREATE TABLE products (
        id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name varchar(200) NOT NULL,
        name_search text NOT NULL,
        slug varchar(200) NOT NULL,
        description text,
        price numeric(12, 2) NOT NULL CHECK (price > 0),
        stock integer NOT NULL DEFAULT 0 CHECK (stock >= 0),
        is_active boolean NOT NULL DEFAULT true,
        metadata jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX uq_products_slug ON products (slug)`);
    // name_search holds the accent- and case-folded name, so ILIKE-style substring search can use a trigram index.
    await db.query(`CREATE INDEX ix_products_name_search ON products USING gin (name_search gin_trgm_ops)`);
    await db.query(`CREATE INDEX ix_products_active_created ON products (is_active, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX ix_products_active_price ON products (is_active, price)`);
    await db.query(`CREATE INDEX ix_products_active_stock ON products (is_active, stock)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE products`);
  }
}
