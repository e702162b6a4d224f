import { alice, guest, orderServices } from '../../test/order-services';
import { ANONYMOUS, userActor } from '../auth/actor';
import { ForbiddenError, InsufficientScopeError, StockShortfallError, UnauthenticatedError, UnprocessableError } from '../common/errors';

const lines = (...items: [number, number][]) => ({ line_items: items.map(([product_id, quantity]) => ({ product_id, quantity })) });

describe('CheckoutsService.create', () => {
  it('reserves stock for every line and prices them as the products are priced now', async () => {
    const { checkoutService, seed, stockOf, key } = orderServices();
    const lamp = await seed('Lamp', { price: 19.99, stock: 5 });
    const desk = await seed('Desk', { price: 120, stock: 2 });
    const checkout = await checkoutService.create(alice, lines([desk.id, 1], [lamp.id, 2]), key());
    expect(checkout).toMatchObject({
      status: 'ready_for_complete',
      currency: 'EUR',
      line_items: [
        { product_id: lamp.id, name: 'Lamp', unit_price: 19.99, quantity: 2, total: 39.98 },
        { product_id: desk.id, name: 'Desk', unit_price: 120, quantity: 1, total: 120 },
      ],
      totals: { subtotal: 159.98, total: 159.98 },
      expires_at: '2026-03-02T10:15:00.000Z',
      order_id: null,
    });
    expect([await stockOf(lamp.id), await stockOf(desk.id)]).toEqual([3, 1]);
  });

  it('sums money exactly to the cent', async () => {
    const { checkoutService, seed, key } = orderServices();
    const pin = await seed('Pin', { price: 0.1, stock: 10 });
    const clip = await seed('Clip', { price: 0.2, stock: 10 });
    const checkout = await checkoutService.create(alice, lines([pin.id, 3], [clip.id, 1]), key());
    expect(checkout.line_items[0].total).toBe(0.3);
    expect(checkout.totals).toEqual({ subtotal: 0.5, total: 0.5 });
  });

  it('reserves all lines or none, naming every short line and what is available', async () => {
    const { checkoutService, seed, stockOf, checkouts, key } = orderServices();
    const a = await seed('A', { stock: 5 });
    const b = await seed('B', { stock: 1 });
    const c = await seed('C', { stock: 0 });
    const error = await checkoutService.create(alice, lines([a.id, 2], [b.id, 3], [c.id, 1]), key()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StockShortfallError);
    expect(error).toMatchObject({
      type: 'insufficient-stock',
      extensions: {
        items: [
          { product_id: b.id, requested: 3, available: 1 },
          { product_id: c.id, requested: 1, available: 0 },
        ],
      },
    });
    expect([await stockOf(a.id), await stockOf(b.id), await stockOf(c.id)]).toEqual([5, 1, 0]);
    expect(checkouts.rows).toEqual([]);
  });

  it('refuses an unknown or inactive product as unprocessable, naming the line, and reserves nothing', async () => {
    const { checkoutService, products, seed, stockOf, key } = orderServices();
    const lamp = await seed('Lamp', { stock: 5 });
    const retired = await seed('Retired', { stock: 5 });
    await products.deactivate(retired.id);
    await expect(checkoutService.create(alice, lines([lamp.id, 1], [retired.id, 1]), key())).rejects.toMatchObject({
      type: 'unprocessable',
      extensions: { field: 'line_items[1].product_id' },
    });
    await expect(checkoutService.create(alice, lines([999, 1]), key())).rejects.toBeInstanceOf(UnprocessableError);
    expect(await stockOf(lamp.id)).toBe(5);
  });

  it('lets checkouts racing for the last units take exactly what there is', async () => {
    const { checkoutService, seed, stockOf, key } = orderServices();
    const lamp = await seed('Lamp', { stock: 3 });
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => checkoutService.create(alice, lines([lamp.id, 1]), key())));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect(await stockOf(lamp.id)).toBe(0);
  });

  it('lets users and admins buy, but not guests, anonymous callers or tokens without orders:write', async () => {
    const { checkoutService, seed, stockOf, key } = orderServices();
    const lamp = await seed('Lamp', { stock: 5 });
    await expect(checkoutService.create(guest, lines([lamp.id, 1]), key())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(checkoutService.create(ANONYMOUS, lines([lamp.id, 1]), key())).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(checkoutService.create(userActor(2, 'user', ['orders:read']), lines([lamp.id, 1]), key())).rejects.toBeInstanceOf(InsufficientScopeError);
    await expect(checkoutService.create(userActor(2, 'user', ['orders:write']), lines([lamp.id, 1]), key())).resolves.toMatchObject({
      status: 'ready_for_complete',
    });
    await expect(checkoutService.create(userActor(1, 'admin'), lines([lamp.id, 1]), key())).resolves.toMatchObject({ status: 'ready_for_complete' });
    expect(await stockOf(lamp.id)).toBe(3);
  });
});

describe('CheckoutsService.create with an idempotency key', () => {
  it('answers a retry with the first checkout and reserves once', async () => {
    const { checkoutService, seed, stockOf, checkouts } = orderServices();
    const lamp = await seed('Lamp', { stock: 5 });
    const first = await checkoutService.create(alice, lines([lamp.id, 2]), 'same');
    await expect(checkoutService.create(alice, lines([lamp.id, 2]), 'same')).resolves.toEqual(first);
    expect(await stockOf(lamp.id)).toBe(3);
    expect(checkouts.rows).toHaveLength(1);
  });

  it('reserves once when the same key arrives many times at once, refusing those that find it running', async () => {
    const { checkoutService, seed, stockOf } = orderServices();
    const lamp = await seed('Lamp', { stock: 50 });
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => checkoutService.create(alice, lines([lamp.id, 1]), 'once')));
    expect(await stockOf(lamp.id)).toBe(49);
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason);
    expect(refused.every((e) => (e as { type: string }).type === 'conflict')).toBe(true);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(20 - refused.length);
  });

  it('refuses the same key with a different body as unprocessable, and keeps keys apart per account', async () => {
    const { checkoutService, seed, stockOf } = orderServices();
    const lamp = await seed('Lamp', { stock: 5 });
    await checkoutService.create(alice, lines([lamp.id, 1]), 'k');
    await expect(checkoutService.create(alice, lines([lamp.id, 2]), 'k')).rejects.toMatchObject({
      type: 'unprocessable',
      extensions: { field: 'Idempotency-Key' },
    });
    await expect(checkoutService.create(userActor(3, 'user'), lines([lamp.id, 2]), 'k')).resolves.toMatchObject({ line_items: [{ quantity: 2 }] });
    expect(await stockOf(lamp.id)).toBe(2);
  });

  it('frees the key of a refused request, so a retry runs again once stock is back', async () => {
    const { checkoutService, products, seed, stockOf } = orderServices();
    const lamp = await seed('Lamp', { stock: 1 });
    await expect(checkoutService.create(alice, lines([lamp.id, 2]), 'retry')).rejects.toBeInstanceOf(StockShortfallError);
    await products.adjustStock(lamp.id, 1);
    await expect(checkoutService.create(alice, lines([lamp.id, 2]), 'retry')).resolves.toMatchObject({ status: 'ready_for_complete' });
    expect(await stockOf(lamp.id)).toBe(0);
  });

  it('refuses an empty or overlong key', async () => {
    const { checkoutService, seed } = orderServices();
    const lamp = await seed('Lamp');
    await expect(checkoutService.create(alice, lines([lamp.id, 1]), '')).rejects.toMatchObject({ type: 'validation-failed' });
    await expect(checkoutService.create(alice, lines([lamp.id, 1]), 'k'.repeat(256))).rejects.toMatchObject({ type: 'validation-failed' });
  });
});
