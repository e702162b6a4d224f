import { isUUID } from 'class-validator';
import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { ConflictError, NotFoundError } from '../common/errors';
import type { Page } from '../common/pagination';
import type { ListOrdersQuery } from './dto/list-orders.query';
import type { SetOrderStatusDto } from './dto/set-order-status.dto';
import { dayRange } from './day-range';
import { isForwardMove, type Order } from './order';
import { toOrderView, type OrderView } from './order.view';
import type { OrdersUnitOfWork } from './orders-unit-of-work';
import type { OrdersRepository } from './orders.repository';
import { assertMayAct, assertMayTry, isOwner, ordersListedFor } from './orders.policy';
import { releaseStock } from './stock-reservations';

export class OrdersService {
  constructor(
    private readonly units: OrdersUnitOfWork,
    private readonly orders: OrdersRepository,
  ) {}

  /** The caller's own orders; those who may read every account's see all, or one account's with `user_id`. */
  async list(actor: Actor, query: ListOrdersQuery): Promise<Page<OrderView>> {
    assertMayTry(actor, 'order:read-own', 'order:read-any');
    if (query.user_id !== undefined && !isOwner(actor, { userId: query.user_id })) assertCan(actor, 'order:read-any');
    const { from, to } = dayRange(query.from, query.to);
    const page = await this.orders.list({
      userId: ordersListedFor(actor, query.user_id),
      status: query.status,
      createdFrom: from,
      createdBefore: to,
      skip: query.skip,
      limit: query.limit,
    });
    return { ...page, items: page.items.map(toOrderView) };
  }

  async get(actor: Actor, id: string): Promise<OrderView> {
    assertMayTry(actor, 'order:read-own', 'order:read-any');
    const order = isUUID(id) ? await this.orders.findById(id) : null;
    assertMayAct(actor, order, 'Order', id, 'order:read-any');
    return toOrderView(order as Order);
  }

  /** Gives the stock back exactly once: a confirmed order becomes canceled; canceling it again changes nothing. */
  async cancel(actor: Actor, id: string): Promise<OrderView> {
    assertMayTry(actor, 'order:buy', 'order:cancel-any');
    const order = await this.units.run(async (tx) => {
      const locked = isUUID(id) ? await tx.orders.lock(id) : null;
      assertMayAct(actor, locked, 'Order', id, 'order:cancel-any');
      const found = locked as Order;
      if (found.status !== 'confirmed') return found;
      await releaseStock(tx.products, found.lines);
      return tx.orders.setStatus(id, 'canceled');
    });
    if (order.status !== 'canceled') throw new ConflictError(`Order ${id} is ${order.status}; only a confirmed order can be canceled`, 'status');
    return toOrderView(order);
  }

  /** Forward only (confirmed → shipped → delivered); anything else, including the status it has, is a conflict. */
  async setStatus(actor: Actor, id: string, { status }: SetOrderStatusDto): Promise<OrderView> {
    assertCan(actor, 'order:set-status');
    const order = await this.units.run(async (tx) => {
      const locked = isUUID(id) ? await tx.orders.lock(id) : null;
      if (!locked) throw new NotFoundError('Order', id);
      if (!isForwardMove(locked.status, status)) throw new ConflictError(`Order ${id} is ${locked.status}; it cannot become ${status}`, 'status');
      return tx.orders.setStatus(id, status);
    });
    return toOrderView(order);
  }
}
