import { admin, alice, bob, guest, orderServices } from '../../test/order-services';
import { userActor } from '../auth/actor';
import { ConflictError, ForbiddenError, InsufficientScopeError, NotFoundError } from '../common/errors';
import { ListOrdersQuery } from './dto/list-orders.query';

async function placedOrder() {
  const services = orderServices();
  const lamp = await services.seed('Lamp', { stock: 5 });
  const checkout = await services.checkoutService.create(alice, { line_items: [{ product_id: lamp.id, quantity: 2 }] }, 'c');
  const order = await services.checkoutService.complete(alice, checkout.id, 'o');
  return { ...services, lamp, order };
}

describe('OrdersService', () => {
  it('gives the stock back exactly once when an order is canceled; a repeat changes nothing', async () => {
    const { orderService, stockOf, lamp, order } = await placedOrder();
    expect(await stockOf(lamp.id)).toBe(3);
    await expect(orderService.cancel(alice, order.id)).resolves.toMatchObject({ status: 'canceled' });
    await expect(orderService.cancel(alice, order.id)).resolves.toMatchObject({ status: 'canceled' });
    expect(await stockOf(lamp.id)).toBe(5);
    await expect(orderService.setStatus(admin, order.id, { status: 'shipped' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('moves status forward only, and refuses to cancel a shipped order', async () => {
    const { orderService, stockOf, lamp, order } = await placedOrder();
    await expect(orderService.setStatus(alice, order.id, { status: 'shipped' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(orderService.setStatus(admin, order.id, { status: 'shipped' })).resolves.toMatchObject({ status: 'shipped' });
    await expect(orderService.setStatus(admin, order.id, { status: 'shipped' })).rejects.toBeInstanceOf(ConflictError);
    await expect(orderService.cancel(alice, order.id)).rejects.toBeInstanceOf(ConflictError);
    await expect(orderService.setStatus(admin, order.id, { status: 'delivered' })).resolves.toMatchObject({ status: 'delivered' });
    expect(await stockOf(lamp.id)).toBe(3);
  });

  it("hides another account's order as not found; an admin sees and cancels any", async () => {
    const { orderService, order } = await placedOrder();
    await expect(orderService.get(bob, order.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(orderService.cancel(bob, order.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(orderService.get(admin, order.id)).resolves.toMatchObject({ user_id: alice.userId });
    await expect(orderService.cancel(admin, order.id)).resolves.toMatchObject({ status: 'canceled' });
  });

  it('lists the caller’s own orders, every account’s for an admin, and refuses guests and narrowed tokens', async () => {
    const { orderService, order } = await placedOrder();
    const query = (fields: Partial<ListOrdersQuery> = {}) => Object.assign(new ListOrdersQuery(), fields);
    await expect(orderService.list(alice, query())).resolves.toMatchObject({ total: 1, items: [{ id: order.id }] });
    await expect(orderService.list(bob, query())).resolves.toMatchObject({ total: 0 });
    await expect(orderService.list(bob, query({ user_id: alice.userId }))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(orderService.list(admin, query({ user_id: alice.userId, status: 'confirmed' }))).resolves.toMatchObject({ total: 1 });
    await expect(orderService.list(admin, query({ status: 'shipped' }))).resolves.toMatchObject({ total: 0 });
    await expect(orderService.list(guest, query())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(orderService.list(userActor(2, 'user', ['orders:write']), query())).rejects.toBeInstanceOf(InsufficientScopeError);
    await expect(orderService.list(alice, query({ from: '2026-02-30' }))).rejects.toMatchObject({ type: 'validation-failed' });
  });
});
