import { type Actor, type OrderView, OrdersService, type Page, parseInput, UuidDto } from '@mercato/core';
import type { ResourceFamily } from '@mercato/mcp';

const JSON_TYPE = 'application/json';
const ORDER_URI = /^orders:\/\/([^/?#]+)$/;

/** One resource per order of the caller's, newest first; admins may also read any order by its URI. */
export function orderFamily(orders: OrdersService): ResourceFamily {
  const own = (actor: Actor, skip: number, limit: number): Promise<Page<OrderView>> =>
    orders.list(actor, { skip, limit, ...(actor.kind === 'user' ? { user_id: actor.userId } : {}) });
  return {
    // Listed and completed only to callers who may read orders (not guests, nor tokens without orders:read).
    requires: 'order:read-own',
    template: {
      uriTemplate: 'orders://{id}',
      name: 'order',
      title: 'An order',
      description: 'One of your orders by id (a UUID), as JSON: status, lines, totals, when it was placed.',
      mimeType: JSON_TYPE,
    },
    async read(actor, uri) {
      const match = ORDER_URI.exec(uri);
      if (!match) return undefined;
      const { id } = await parseInput(UuidDto, { id: percentDecoded(match[1] ?? '') });
      return orders.get(actor, id);
    },
    async list(actor, skip, limit) {
      const page = await own(actor, skip, limit);
      return {
        ...page,
        items: page.items.map((o) => ({
          uri: `orders://${o.id}`,
          name: o.id,
          title: `Order of ${o.created_at.slice(0, 10)}, ${o.totals.total} ${o.currency}`,
          mimeType: JSON_TYPE,
        })),
      };
    },
    async complete(actor, variable, prefix) {
      if (variable !== 'id') return [];
      const page = await own(actor, 0, 100);
      return page.items.map((o) => o.id).filter((id) => id.startsWith(prefix));
    },
  };
}

/** A malformed escape (`%E0`) stays as written, so the UUID check refuses it like any other bad id. */
function percentDecoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
