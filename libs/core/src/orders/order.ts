import type { OrderLine } from './checkout';

/** Orders move forward only, confirmed → shipped → delivered; a confirmed order may instead be canceled. */
export const ORDER_STATUSES = ['confirmed', 'shipped', 'delivered', 'canceled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface Order {
  /** A UUID, assigned by the repository. */
  id: string;
  checkoutId: string;
  userId: number;
  status: OrderStatus;
  currency: string;
  lines: OrderLine[];
  createdAt: Date;
  updatedAt: Date;
}

const PROGRESS: Record<Exclude<OrderStatus, 'canceled'>, number> = { confirmed: 0, shipped: 1, delivered: 2 };

/** Shipped or delivered only from an earlier step of that path; a canceled order stays canceled. */
export function isForwardMove(from: OrderStatus, to: 'shipped' | 'delivered'): boolean {
  return from !== 'canceled' && PROGRESS[to] > PROGRESS[from];
}
