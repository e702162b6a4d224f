import type { Page } from '../common/pagination';
import type { OrderLine } from './checkout';
import type { Order, OrderStatus } from './order';

export interface NewOrder {
  checkoutId: string;
  userId: number;
  currency: string;
  lines: OrderLine[];
}

/** A half-open UTC interval [from, to). */
export interface TimeRange {
  from: Date;
  to: Date;
}

export interface OrderFilter {
  /** undefined: every account's orders. */
  userId?: number;
  status?: OrderStatus;
  createdFrom?: Date;
  createdBefore?: Date;
  skip: number;
  limit: number;
}

/** The orders port libs/data implements; status changes are made on a row `lock` holds, inside an OrdersUnitOfWork. */
export abstract class OrdersRepository {
  /** Stores the order as `confirmed` with a new UUID; one order per checkout (a unique index). */
  abstract insert(order: NewOrder): Promise<Order>;
  abstract findById(id: string): Promise<Order | null>;
  /** Reads the order and locks its row until the unit ends; null when there is none. */
  abstract lock(id: string): Promise<Order | null>;
  abstract setStatus(id: string, status: OrderStatus): Promise<Order>;
  /** Newest first, ties broken by id so pages never overlap. */
  abstract list(filter: OrderFilter): Promise<Page<Order>>;
}
