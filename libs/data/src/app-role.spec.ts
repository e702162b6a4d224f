import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate } from './data-source';
import { PostgresIdempotencyStore } from './orders/postgres-idempotency-store';
import { TypeormOrdersUnitOfWork } from './orders/typeorm-orders-unit-of-work';
import { TypeormSalesReports } from './orders/typeorm-sales-reports';
import { TypeormProductsRepository } from './products/typeorm-products.repository';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

/** The role setup operators run (deploy/postgres/app-role.sql), applied as the schema owner to a migrated database. */
const APP_ROLE_SQL = readFileSync(join(__dirname, '../../../deploy/postgres/app-role.sql'), 'utf8');
const INSUFFICIENT_PRIVILEGE = '42501';

let testDb: TestDatabase;
let owner: Client;
let service: DataSource;
const role = `mercato_app_t_${randomBytes(4).toString('hex')}`;

async function applyRoleSetup(name: string): Promise<void> {
  await owner.query(`SELECT set_config('mercato.app_role', $1, false)`, [name]);
  await owner.query(APP_ROLE_SQL);
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  owner = new Client({ connectionString: testDb.url });
  await owner.connect();
  await applyRoleSetup(role);
  const password = randomBytes(12).toString('hex');
  await owner.query(`ALTER ROLE ${role} PASSWORD '${password}'`);
  const url = new URL(testDb.url);
  url.username = role;
  url.password = password;
  service = await createDataSource({ url: url.toString(), poolSize: 2 }).initialize();
}, 60_000);
afterAll(async () => {
  await service?.destroy();
  // Roles are server-wide: take back what this database granted it, then drop it.
  await owner.query(`DROP OWNED BY ${role}`);
  await owner.query(`DROP ROLE ${role}`);
  await owner.end();
  await testDb.drop();
});

describe('the role the services connect as', () => {
  it('reads and writes rows of the app tables through the real repositories, sequences included', async () => {
    const products = new TypeormProductsRepository(service);
    const lamp = await products.insert({ name: 'Brass Lamp', description: null, price: 30, stock: 2, metadata: null }, 'brass-lamp');
    await expect(products.adjustStock(lamp.id, -1)).resolves.toMatchObject({ stock: 1 });
    await expect(products.list({ search: 'brass', sort: '-created_at', skip: 0, limit: 5 })).resolves.toMatchObject({ total: 1 });
    await expect(products.deactivate(lamp.id)).resolves.toMatchObject({ isActive: false });

    const [user] = (await service.query(`INSERT INTO users (email, username, password_hash) VALUES ('ops@example.com', 'ops', 'x') RETURNING id`)) as {
      id: number;
    }[];
    await service.query(`INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, gen_random_uuid(), repeat('a', 64), now())`, [
      user.id,
    ]);
    await service.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1`, [user.id]);
    await service.query(`DELETE FROM refresh_tokens WHERE user_id = $1`, [user.id]);
    await service.query(`UPDATE users SET full_name = 'Ops' WHERE id = $1`, [user.id]);
    await service.query(`DELETE FROM users WHERE id = $1`, [user.id]);
    await service.query(`DELETE FROM products WHERE id = $1`, [lamp.id]);
  });

  it('stores checkouts, orders and idempotency keys through the real repositories', async () => {
    const [user] = (await service.query(`INSERT INTO users (email, username, password_hash) VALUES ('buyer@example.com', 'buyer', 'x') RETURNING id`)) as {
      id: number;
    }[];
    const lines = [{ productId: 1, name: 'Lamp', unitPriceCents: 3000, quantity: 2 }];
    const order = await new TypeormOrdersUnitOfWork(service).run(async (tx) => {
      const checkout = await tx.checkouts.insert({ userId: user.id, currency: 'EUR', lines, expiresAt: new Date() });
      await tx.checkouts.lock(checkout.id);
      const created = await tx.orders.insert({ checkoutId: checkout.id, userId: user.id, currency: 'EUR', lines });
      await tx.checkouts.save(checkout.id, { status: 'completed', orderId: created.id });
      await tx.orders.setStatus(created.id, 'shipped');
      return created;
    });
    const day = { from: new Date(order.createdAt.getTime() - 1), to: new Date(order.createdAt.getTime() + 1) };
    await expect(new TypeormSalesReports(service).summary(day)).resolves.toMatchObject({ orders: 1, revenueCents: 6000 });
    const keys = new PostgresIdempotencyStore(service);
    await expect(keys.claim({ userId: user.id, key: 'k' }, 'fp', 60)).resolves.toEqual({ state: 'claimed' });
    await keys.complete({ userId: user.id, key: 'k' }, { ok: true }, 60);
    await keys.release({ userId: user.id, key: 'k' });
  });

  it('may read and write every table and use every sequence, including those a later migration creates', async () => {
    await owner.query(`CREATE TABLE later_migration (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text)`);
    await service.query(`INSERT INTO later_migration (note) VALUES ('made by the service')`);
    await expect(service.query(`SELECT note FROM later_migration`)).resolves.toEqual([{ note: 'made by the service' }]);

    const { rows } = await owner.query<{ name: string; rows: boolean; sequence: boolean | null }>(
      `SELECT c.relname AS name,
              c.relkind <> 'S' AND has_table_privilege($1, c.oid, 'SELECT, INSERT, UPDATE, DELETE') AS rows,
              CASE WHEN c.relkind = 'S' THEN has_sequence_privilege($1, c.oid, 'USAGE') END AS sequence
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S')`,
      [role],
    );
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['users', 'refresh_tokens', 'products', 'later_migration', 'products_id_seq']));
    expect(rows.filter((r) => !(r.rows || r.sequence) && r.name !== 'migrations')).toEqual([]);
  });

  it('may read the migrations table but, once the migration job has run, never write it', async () => {
    await migrate(testDb.url);
    await expect(service.query(`SELECT count(*) FROM migrations`)).resolves.toHaveLength(1);
    for (const statement of [`INSERT INTO migrations (timestamp, name) VALUES (1, 'Forged1')`, `UPDATE migrations SET name = name`, `DELETE FROM migrations`]) {
      await expect(service.query(statement)).rejects.toMatchObject({ driverError: { code: INSUFFICIENT_PRIVILEGE } });
    }
  });

  it.each([
    ['CREATE TABLE', `CREATE TABLE intruder (id integer)`],
    ['ALTER TABLE', `ALTER TABLE products ADD COLUMN intruder text`],
    ['DROP TABLE', `DROP TABLE products`],
    ['CREATE INDEX', `CREATE INDEX ix_intruder ON products (stock)`],
    ['TRUNCATE', `TRUNCATE products`],
    ['CREATE SCHEMA', `CREATE SCHEMA intruder`],
    ['CREATE FUNCTION', `CREATE FUNCTION intruder() RETURNS int LANGUAGE sql AS 'SELECT 1'`],
  ])('is refused %s with permission denied', async (_what, statement) => {
    await expect(service.query(statement)).rejects.toMatchObject({
      driverError: { code: INSUFFICIENT_PRIVILEGE, message: expect.stringMatching(/permission denied|must be owner/) },
    });
  });

  it('leaves the setup unchanged when run again, and refuses to name the schema owner as the service role', async () => {
    await expect(applyRoleSetup(role)).resolves.toBeUndefined();
    const { rows } = await owner.query<{ me: string }>(`SELECT current_user AS me`);
    await expect(applyRoleSetup(rows[0].me)).rejects.toThrow(/SUPERUSER|schema owner/);
  });
});
