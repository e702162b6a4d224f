import type { CompleteRequest, CompleteResult } from '@modelcontextprotocol/sdk/types.js';
import { type Actor, ProductsService } from '@mercato/core';

const THRESHOLDS = ['5', '10', '20', '50', '100'];
const MAX_VALUES = 20;

/** Argument completion for prompts and resource templates: product ids the caller can see, common thresholds. */
export class McpCompletions {
  constructor(private readonly products: ProductsService) {}

  async complete(actor: Actor, { ref, argument }: CompleteRequest['params']): Promise<CompleteResult> {
    const wantsProductId =
      (ref.type === 'ref/prompt' && ref.name === 'product_description' && argument.name === 'product_id') ||
      (ref.type === 'ref/resource' && ref.uri === 'products://{id}' && argument.name === 'id');
    let values: string[] = [];
    if (wantsProductId) {
      const page = await this.products.list(actor, { skip: 0, limit: 100, sort: '-created_at' });
      values = page.items.map((p) => String(p.id)).filter((id) => id.startsWith(argument.value));
    } else if (ref.type === 'ref/prompt' && ref.name === 'restock_report' && argument.name === 'threshold') {
      values = THRESHOLDS.filter((t) => t.startsWith(argument.value));
    }
    return { completion: { values: values.slice(0, MAX_VALUES), total: values.length, hasMore: values.length > MAX_VALUES } };
  }
}
