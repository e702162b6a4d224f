import { ErrorCode, McpError, type GetPromptResult, type Prompt } from '@modelcontextprotocol/sdk/types.js';
import { type Actor, can, ProductsService } from '@mercato/core';
import { LIST_PAGE_SIZE, nextCursor, offsetFrom } from './paging';

const PROMPTS: (Prompt & { visible: (actor: Actor) => boolean })[] = [
  {
    name: 'restock_report',
    title: 'Restock report',
    description: 'Drafts a restocking plan from the current low-stock list (admins).',
    arguments: [{ name: 'threshold', description: 'Report products with fewer units than this (default 10)', required: false }],
    visible: (actor) => can(actor, 'product:read-stock'),
  },
  {
    name: 'product_description',
    title: 'Product description',
    description: 'Asks for an appealing, accurate shop description of one product.',
    arguments: [{ name: 'product_id', description: 'Numeric id of the product', required: true }],
    visible: (actor) => actor.kind !== 'anonymous',
  },
];

/** MCP prompts: conversation starters built around live data, with the caller's permissions. */
export class McpPrompts {
  constructor(private readonly products: ProductsService) {}

  list(actor: Actor, cursor?: string): { prompts: Prompt[]; nextCursor?: string } {
    const visible = PROMPTS.filter((p) => p.visible(actor)).map(({ visible: _, ...p }) => p);
    const offset = offsetFrom(cursor);
    const prompts = visible.slice(offset, offset + LIST_PAGE_SIZE);
    return { prompts, nextCursor: nextCursor(offset, prompts.length, visible.length) };
  }

  async get(actor: Actor, name: string, args: Record<string, string> = {}): Promise<GetPromptResult> {
    if (name === 'restock_report') {
      const threshold = positiveInt(args['threshold'] ?? '10', 'threshold');
      const low = await this.products.lowStock(actor, { threshold, skip: 0, limit: 100 });
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
    }
    if (name === 'product_description') {
      const product = await this.products.get(actor, positiveInt(args['product_id'] ?? '', 'product_id'));
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
    }
    throw new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${name}`);
  }
}

function positiveInt(value: string, name: string): number {
  const n = Number(value);
  if (!/^\d{1,10}$/.test(value) || n < 1 || n > 2_147_483_647) throw new McpError(ErrorCode.InvalidParams, `${name} must be a positive integer`);
  return n;
}
