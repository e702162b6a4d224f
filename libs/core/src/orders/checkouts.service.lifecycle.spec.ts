import { TTL_SECONDS, admin, alice, bob, expiryJob, orderServices } from '../../test/order-services';
import { ConflictError, ForbiddenError, NotFoundError } from '../common/errors';

const lines = (...items: [number, number][]) => ({ line_items: items.map(([product_id, quantity]) => ({ product_id, quantity })) });

describe('a checkout after it is created', () => {
  it('replaces its lines taking or giving back only the difference, keeping prices as reserved', async () => {
    const { checkoutService, products, seed, stockOf, key } = orderServices();
    const a = await seed('A', { price: 2, stock: 5 });
    const b = await seed('B', { stock: 5 });
    const c = await seed('C', { price: 3, stock: 5 });
    const checkout = await checkoutService.create(alice, lines([a.id, 2], [b.id, 2]), key());
    await products.update(a.id, { price: 9 });
    const updated = await checkoutService.update(alice, checkout.id, lines([a.id, 4], [c.id, 1]));
    expect(updated.line_items).toEqual([
      { product_id: a.id, name: 'A', unit_price: 2, quantity: 4, total: 8 },
      { product_id: c.id, name: 'C', unit_price: 3, quantity: 1, total: 3 },
    ]);
    expect([await stockOf(a.id), await stockOf(b.id), await stockOf(c.id)]).toEqual([1, 5, 4]);
    await expect(checkoutService.update(alice, checkout.id, lines([a.id, 7]))).rejects.toMatchObject({
      extensions: { items: [{ product_id: a.id, requested: 7, available: 5 }] },
    });
    expect([await stockOf(a.id), await stockOf(c.id)]).toEqual([1, 4]);
  });

  it('gives the stock back exactly once on cancel, and a repeat changes nothing', async () => {
    const { checkoutService, seed, stockOf, key } = orderServices();
    const lamp = await seed('Lamp', { stock: 5 });
    const checkout = await checkoutService.create(alice, lines([lamp.id, 3]), key());
    await expect(checkoutService.cancel(alice, checkout.id)).resolves.toMatchObject({ status: 'canceled' });
    await expect(checkoutService.cancel(alice, checkout.id)).resolves.toMatchObject({ status: 'canceled' });
    expect(await stockOf(lamp.id)).toBe(5);
    await expect(checkoutService.update(alice, checkout.id, lines([lamp.id, 1]))).rejects.toBeInstanceOf(ConflictError);
    await expect(checkoutService.complete(alice, checkout.id, key())).rejects.toBeInstanceOf(ConflictError);
  });

  it('shows expired once past its expiry, and the job and a late cancel give the stock back only once', async () => {
    const { checkoutService, seed, stockOf, clock, key } = orderServices();
    const lamp = await seed('Lamp', { stock: 5 });
    const first = await checkoutService.create(alice, lines([lamp.id, 2]), key());
    const second = await checkoutService.create(alice, lines([lamp.id, 1]), key());
    clock.advance(TTL_SECONDS);
    await expect(checkoutService.get(alice, first.id)).resolves.toMatchObject({ status: 'expired' });
    expect(await stockOf(lamp.id)).toBe(2);
    await expect(checkoutService.cancel(alice, first.id)).rejects.toBeInstanceOf(ConflictError);
    expect(await stockOf(lamp.id)).toBe(4);
    await expect(checkoutService.expireOverdue(expiryJob)).resolves.toBe(1);
    await expect(checkoutService.expireOverdue(expiryJob)).resolves.toBe(0);
    expect(await stockOf(lamp.id)).toBe(5);
    await expect(checkoutService.complete(alice, second.id, key())).rejects.toMatchObject({ type: 'conflict' });
    await expect(checkoutService.expireOverdue(alice)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('completes into a confirmed order once, the same key answering with the same order', async () => {
    const { checkoutService, orders, seed, stockOf, key } = orderServices();
    const lamp = await seed('Lamp', { price: 0.1, stock: 5 });
    const checkout = await checkoutService.create(alice, lines([lamp.id, 3]), key());
    const order = await checkoutService.complete(alice, checkout.id, 'pay');
    expect(order).toMatchObject({ checkout_id: checkout.id, user_id: alice.userId, status: 'confirmed', totals: { subtotal: 0.3, total: 0.3 } });
    await expect(checkoutService.complete(alice, checkout.id, 'pay')).resolves.toEqual(order);
    await expect(checkoutService.complete(alice, checkout.id, key())).rejects.toBeInstanceOf(ConflictError);
    await expect(checkoutService.get(alice, checkout.id)).resolves.toMatchObject({ status: 'completed', order_id: order.id });
    expect(orders.rows).toHaveLength(1);
    expect(await stockOf(lamp.id)).toBe(2);
  });

  it("hides another account's checkout as not found, and lets an admin see it but not buy with it", async () => {
    const { checkoutService, seed, stockOf, key } = orderServices();
    const lamp = await seed('Lamp', { stock: 5 });
    const checkout = await checkoutService.create(alice, lines([lamp.id, 1]), key());
    await expect(checkoutService.get(bob, checkout.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(checkoutService.update(bob, checkout.id, lines([lamp.id, 5]))).rejects.toBeInstanceOf(NotFoundError);
    await expect(checkoutService.cancel(bob, checkout.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(checkoutService.complete(bob, checkout.id, key())).rejects.toBeInstanceOf(NotFoundError);
    await expect(checkoutService.get(alice, 'not-a-uuid')).rejects.toBeInstanceOf(NotFoundError);
    await expect(checkoutService.get(admin, checkout.id)).resolves.toMatchObject({ id: checkout.id });
    await expect(checkoutService.complete(admin, checkout.id, key())).rejects.toBeInstanceOf(ForbiddenError);
    expect(await stockOf(lamp.id)).toBe(4);
  });
});
