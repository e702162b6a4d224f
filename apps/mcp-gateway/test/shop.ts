import { randomUUID } from 'node:crypto';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { gatewayWithAgents } from './mcp-client';
import { structured } from './tool-results';

/** Checkout lines as [product id, quantity] pairs. */
export type Lines = [productId: number, quantity: number][];

export const lineItems = (lines: Lines) => lines.map(([product_id, quantity]) => ({ product_id, quantity }));

/** Stocking the catalog as `admin` and buying as anyone, all through the gateway's tools, as agents do. */
export function shopThrough(admin: Client) {
  let made = 0;
  const checkout = (buyer: Client, lines: Lines, key: string = randomUUID()) =>
    buyer.callTool({ name: 'create_checkout', arguments: { idempotency_key: key, line_items: lineItems(lines) } });
  return {
    /** A product of its own, named so that no other test meets it. */
    product: async (price: number, stock: number) =>
      structured(await admin.callTool({ name: 'create_product', arguments: { name: `Item ${++made} ${randomUUID().slice(0, 8)}`, price, stock } }))[
        'id'
      ] as number,
    stockOf: async (id: number) => structured(await admin.callTool({ name: 'get_product', arguments: { id } }))['stock'] as number,
    checkout,
    /** A confirmed order of `lines`: a checkout, then its completion. */
    order: async (buyer: Client, lines: Lines) => {
      const { id } = structured(await checkout(buyer, lines));
      return structured(await buyer.callTool({ name: 'complete_checkout', arguments: { id, idempotency_key: randomUUID() } }));
    },
  };
}

export type Shop = ReturnType<typeof shopThrough>;

/** A gateway with an admin and a user agent, the shop run through the admin, and the output schema each tool publishes. */
export async function startShopGateway() {
  const setup = await gatewayWithAgents();
  const { tools } = await setup.admin.client.listTools();
  return {
    setup,
    asAdmin: setup.admin.client,
    asUser: setup.user.client,
    shop: shopThrough(setup.admin.client),
    outputOf: (name: string): unknown => tools.find((t) => t.name === name)?.outputSchema,
  };
}

export const call = (client: Client, name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args });
