import type { Checkout, OrderLine } from '@mercato/core';
import { postgresErrorCode } from '../postgres-errors';
import { repositoryDatabase, type RepositoryDatabase } from '../testing/repository-database';
import { TypeormCheckoutsRepository } from './typeorm-checkouts.repository';
import { TypeormOrdersUnitOfWork } from './typeorm-orders-unit-of-work';

let setup: RepositoryDatabase;
let userId: number;
let otherUserId: number;
let lampId: number;
let deskId: number;

beforeAll(async () => {
  setup = await repositoryDatabase();
  const person = (name: string) => setup.users.insert({ email: `${name}@example.com`, username: name, fullName: null, passwordHash: 'x', role: 'user' });
  [userId, otherUserId] = [(await person('buyer')).id, (await person('other')).id];
  const item = (name: string) => setup.products.insert({ name, description: null, price: 12.5, stock: 100, metadata: null }, name.toLowerCase());
  [lampId, deskId] = [(await item('Lamp')).id, (await item('Desk')).id];
});
afterAll(() => setup.close());

const lines = (quantity = 2): OrderLine[] => [
  { productId: lampId, name: 'Lamp', unitPriceCents: 1250, quantity },
  { productId: deskId, name: 'Desk', unitPriceCents: 9999, quantity: 1 },
];
const hourFromNow = () => new Date(Date.now() + 3_600_000);
const newCheckout = (expiresAt = hourFromNow(), user = userId) => setup.checkouts.insert({ userId: user, currency: 'EUR', lines: lines(), expiresAt });
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'stored',
    (error: unknown) => postgresErrorCode(error),
  );

describe('TypeormCheckoutsRepository', () => {
  it('stores a checkout holding stock with a UUID from PostgreSQL, and reads back exactly what it stored', async () => {
    const expiresAt = hourFromNow();
    const checkout = await newCheckout(expiresAt);
    expect(checkout).toMatchObject({ userId, status: 'ready_for_complete', currency: 'EUR', lines: lines(), expiresAt, orderId: null });
    expect(checkout.id).toMatch(/^[0-9a-f-]{36}$/);
    await expect(setup.checkouts.findById(checkout.id)).resolves.toEqual(checkout);
    await expect(setup.checkouts.findById('not-a-uuid')).resolves.toBeNull();
    await expect(setup.checkouts.findById('00000000-0000-4000-8000-000000000000')).resolves.toBeNull();
  });

  it('applies only the changes it is given', async () => {
    const checkout = await newCheckout();
    const changed = await setup.checkouts.save(checkout.id, { lines: lines(5) });
    expect(changed).toMatchObject({ status: 'ready_for_complete', lines: lines(5) });
    await expect(setup.checkouts.save(checkout.id, { status: 'canceled' })).resolves.toMatchObject({ status: 'canceled', lines: lines(5) });
  });

  it.each([
    ['a quantity of 0', { lines: [{ productId: 1, name: 'x', unitPriceCents: 1, quantity: 0 }] }],
    ['a quantity over 1000', { lines: [{ productId: 1, name: 'x', unitPriceCents: 1, quantity: 1001 }] }],
    ['a negative price', { lines: [{ productId: 1, name: 'x', unitPriceCents: -1, quantity: 1 }] }],
    ['no lines', { lines: [] }],
    ['a currency that is no ISO code', { currency: 'eur' }],
  ])('refuses a checkout with %s', async (_what, override) => {
    await expect(codeOf(setup.checkouts.insert({ userId, currency: 'EUR', lines: lines(), expiresAt: hourFromNow(), ...override }))).resolves.toBe('23514');
  });

  it('refuses a status outside the domain', async () => {
    const checkout = await newCheckout();
    await expect(codeOf(setup.db.query(`UPDATE checkouts SET status = 'lost' WHERE id = $1`, [checkout.id]))).resolves.toBe('23514');
  });

  it('lets two concurrent expiry runs claim disjoint checkouts, skipping rows the other holds, and never a live one', async () => {
    const past = new Date(Date.now() - 60_000);
    const overdue: Checkout[] = [];
    for (let i = 0; i < 6; i++) overdue.push(await newCheckout(past, otherUserId));
    const live = await newCheckout(hourFromNow(), otherUserId);
    const uow = new TypeormOrdersUnitOfWork(setup.db);

    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstClaimed!: (ids: string[]) => void;
    const firstClaim = new Promise<string[]>((resolve) => (firstClaimed = resolve));
    const first = uow.run(async (tx) => {
      const claimed = await tx.checkouts.claimExpired(new Date(), 4);
      firstClaimed(claimed.map((c) => c.id));
      await firstHolds; // keep the locks while the second run claims
      for (const c of claimed) await tx.checkouts.save(c.id, { status: 'expired' });
      return claimed.map((c) => c.id);
    });
    await firstClaim;
    const second = await uow.run(async (tx) => (await tx.checkouts.claimExpired(new Date(), 10)).map((c) => c.id));
    releaseFirst();
    const firstIds = await first;

    expect(firstIds).toHaveLength(4);
    expect(second).toHaveLength(2);
    expect(new Set([...firstIds, ...second])).toEqual(new Set(overdue.map((c) => c.id)));
    expect([...firstIds, ...second]).not.toContain(live.id);
  });
});

describe('TypeormOrdersRepository', () => {
  it('stores an order with its lines and one order per checkout', async () => {
    const checkout = await newCheckout();
    const order = await setup.orders.insert({ checkoutId: checkout.id, userId, currency: 'EUR', lines: lines() });
    expect(order).toMatchObject({ checkoutId: checkout.id, userId, status: 'confirmed', currency: 'EUR', lines: lines() });
    await expect(setup.orders.findById(order.id)).resolves.toEqual(order);
    await expect(setup.orders.lock(order.id)).resolves.toEqual(order);
    await expect(setup.orders.insert({ checkoutId: checkout.id, userId, currency: 'EUR', lines: lines() })).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'orders_checkout_id_key' },
    });
    await expect(setup.orders.setStatus(order.id, 'shipped')).resolves.toMatchObject({ status: 'shipped', lines: lines() });
  });

  it.each([
    // Built when the test runs: the products exist only once beforeAll has run.
    ['a quantity over 1000', () => lines(1001)],
    ['a quantity of 0', () => lines(0)],
    ['a negative price', () => [{ productId: lampId, name: 'Lamp', unitPriceCents: -5, quantity: 1 }]],
  ])('refuses an order line with %s and stores no order', async (_what, bad) => {
    const checkout = await newCheckout();
    await expect(codeOf(setup.orders.insert({ checkoutId: checkout.id, userId, currency: 'EUR', lines: bad() }))).resolves.toBe('23514');
    await expect(setup.db.query(`SELECT count(*)::int AS n FROM orders WHERE checkout_id = $1`, [checkout.id])).resolves.toEqual([{ n: 0 }]);
  });

  it('lists newest first with ties broken by id, filtered and paged, with the total', async () => {
    const buyer = (await setup.users.insert({ email: 'lister@example.com', username: 'lister', fullName: null, passwordHash: 'x', role: 'user' })).id;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const checkout = await newCheckout(hourFromNow(), buyer);
      ids.push((await setup.orders.insert({ checkoutId: checkout.id, userId: buyer, currency: 'EUR', lines: lines() })).id);
    }
    // Two orders share a timestamp: the id decides.
    await setup.db.query(`UPDATE orders SET created_at = '2026-01-01T00:00:00Z' WHERE id = ANY($1)`, [ids.slice(0, 2)]);
    await setup.orders.setStatus(ids[4], 'canceled');

    const all = await setup.orders.list({ userId: buyer, skip: 0, limit: 10 });
    expect(all.total).toBe(5);
    const sharing = [...ids.slice(0, 2)].sort().reverse();
    expect(all.items.map((o) => o.id)).toEqual([...ids.slice(2).reverse(), ...sharing]);
    expect(all.items[0].lines).toEqual(lines());

    const page = await setup.orders.list({ userId: buyer, skip: 3, limit: 1 });
    expect(page).toMatchObject({ total: 5, skip: 3, limit: 1, items: [{ id: sharing[0] }] });
    await expect(setup.orders.list({ userId: buyer, skip: 9, limit: 2 })).resolves.toMatchObject({ total: 5, items: [] });
    await expect(setup.orders.list({ userId: buyer, status: 'canceled', skip: 0, limit: 5 })).resolves.toMatchObject({ total: 1, items: [{ id: ids[4] }] });
    const early = await setup.orders.list({ userId: buyer, createdBefore: new Date('2026-01-02T00:00:00Z'), skip: 0, limit: 5 });
    expect(early.items.map((o) => o.id)).toEqual(sharing);
    const late = await setup.orders.list({ userId: buyer, createdFrom: new Date('2026-01-02T00:00:00Z'), skip: 0, limit: 5 });
    expect(late.total).toBe(3);
  });
});

describe('TypeormOrdersUnitOfWork', () => {
  it('rolls back the stock, the checkout and the order when the work throws, rejecting with that error', async () => {
    const checkout = await newCheckout();
    const stockBefore = (await setup.products.findById(lampId))?.stock;
    const failure = new Error('payment declined');
    let orderId: string | undefined;

    await expect(
      new TypeormOrdersUnitOfWork(setup.db).run(async (tx) => {
        expect(tx.checkouts).toBeInstanceOf(TypeormCheckoutsRepository);
        await tx.checkouts.lock(checkout.id);
        await tx.products.adjustStock(lampId, -3);
        orderId = (await tx.orders.insert({ checkoutId: checkout.id, userId, currency: 'EUR', lines: lines() })).id;
        await tx.checkouts.save(checkout.id, { status: 'completed', orderId });
        await tx.checkouts.insert({ userId, currency: 'EUR', lines: lines(), expiresAt: hourFromNow() });
        throw failure;
      }),
    ).rejects.toBe(failure);

    expect(orderId).toBeDefined();
    await expect(setup.orders.findById(orderId as string)).resolves.toBeNull();
    await expect(setup.db.query(`SELECT count(*)::int AS n FROM order_lines WHERE order_id = $1`, [orderId])).resolves.toEqual([{ n: 0 }]);
    await expect(setup.checkouts.findById(checkout.id)).resolves.toEqual(checkout);
    expect((await setup.products.findById(lampId))?.stock).toBe(stockBefore);
  });

  it('commits all of it when the work resolves', async () => {
    const checkout = await newCheckout();
    const order = await new TypeormOrdersUnitOfWork(setup.db).run(async (tx) => {
      const created = await tx.orders.insert({ checkoutId: checkout.id, userId, currency: 'EUR', lines: lines() });
      await tx.checkouts.save(checkout.id, { status: 'completed', orderId: created.id });
      return created;
    });
    await expect(setup.checkouts.findById(checkout.id)).resolves.toMatchObject({ status: 'completed', orderId: order.id });
    await expect(setup.orders.findById(order.id)).resolves.toEqual(order);
  });
});
