import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { type Actor, ProductsService } from '@mercato/core';
import type { McpPrompt } from '@mercato/mcp';

const THRESHOLDS = ['5', '10', '20', '50', '100'];

/** Conversation starters built around live catalog data, with the caller's permissions. */
export function productsPrompts(products: ProductsService, productIds: (actor: Actor, prefix: string) => Promise<string[]>): McpPrompt[] {
  return [
    {
      prompt: {
        name: 'restock_report',
        title: 'Restock report',
        description: 'Drafts a restocking plan from the current low-stock list (admins).',
        arguments: [{ name: 'threshold', description: 'Report products with fewer units than this (default 10)', required: false }],
      },
      requires: 'product:read-stock',
      async get(actor, args) {
        const threshold = positiveInt(args['threshold'] ?? '10', 'threshold');
        const low = await products.lowStock(actor, { threshold, skip: 0, limit: 100 });
        const lines = low.items.map((p) => `- ${p.name} (id ${p.id}): ${p.stock} in stock, price ${p.price}`);
        return {
          description: `Restock plan for ${low.total} products under ${threshold} units`,
          messages: [
            {
              role: 'user',
              content: {
                type: 'text',
                text:
                  `These active products have fewer than ${threshold} units in stock (${low.total} in all; the ${low.items.length} lowest shown):\n` +
                  `${lines.join('\n') || '(none)'}\n\nPropose how many units to reorder for each, most urgent first, and explain the reasoning briefly. ` +
                  'Use the adjust_stock tool only if I confirm.',
              },
            },
          ],
        };
      },
      complete: async (_actor, argument, prefix) => (argument === 'threshold' ? THRESHOLDS.filter((t) => t.startsWith(prefix)) : []),
    },
    {
      prompt: {
        name: 'product_description',
        title: 'Product description',
        description: 'Asks for an appealing, accurate shop description of one product.',
        arguments: [{ name: 'product_id', description: 'Numeric id of the product', required: true }],
      },
      async get(actor, args) {
        const product = await products.get(actor, positiveInt(args['product_id'] ?? '', 'product_id'));
        return {
          description: `Description for ${product.name}`,
          messages: [
            {
              role: 'user',
              content: {
                type: 'text',
                text:
                  `Write a shop description (60-120 words) for this product. Stay accurate to the data; invent no features.\n` +
                  JSON.stringify({ name: product.name, price: product.price, description: product.description, metadata: product.metadata }),
              },
            },
          ],
        };
      },
      complete: (actor, argument, prefix) => (argument === 'product_id' ? productIds(actor, prefix) : Promise.resolve([])),
    },
  ];
}

function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!/^\d{1,10}$/.test(value) || n < 1 || n > 2_147_483_647) throw new McpError(ErrorCode.InvalidParams, `${name} must be a positive integer`);
  return n;
}
