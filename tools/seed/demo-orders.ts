import type { OrderStatus } from '@mercato/core';

/** One demo order: how many days before today (UTC) it was placed, at what hour, what it holds, and how far it got. */
export interface DemoOrder {
  daysAgo: number;
  hour: number;
  /** `pick` indexes the products the seed picked from the catalog. */
  lines: { pick: number; quantity: number }[];
  status: OrderStatus;
}

export const DEMO_ORDER_COUNT = 16;
/** How many catalog products the orders draw on. */
export const DEMO_ORDER_PRODUCTS = 12;

/**
 * Sixteen orders over the last 30 days, so the analytics routes have something to show at once: older orders
 * delivered, recent ones shipped or still confirmed, every fifth canceled (reports leave those out and count them).
 */
export function demoOrders(): DemoOrder[] {
  return Array.from({ length: DEMO_ORDER_COUNT }, (_, i) => {
    const daysAgo = 29 - Math.round((i * 28) / (DEMO_ORDER_COUNT - 1));
    const lineCount = 1 + (i % 3);
    const lines = Array.from({ length: lineCount }, (_, j) => ({ pick: (i * 5 + j * 3) % DEMO_ORDER_PRODUCTS, quantity: 1 + ((i + j) % 3) }));
    return { daysAgo, hour: 8 + ((i * 5) % 12), lines, status: statusOf(i, daysAgo) };
  });
}

function statusOf(i: number, daysAgo: number): OrderStatus {
  if (i % 5 === 2) return 'canceled';
  if (daysAgo > 12) return 'delivered';
  if (daysAgo > 5) return 'shipped';
  return 'confirmed';
}
