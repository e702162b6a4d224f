import { ErrorCode, McpError, type ReadResourceResult, type Resource, type ResourceTemplate } from '@modelcontextprotocol/sdk/types.js';
import { type Actor, can, IdDto, parseInput, ProductsService, UsersService } from '@mercato/core';
import { LIST_PAGE_SIZE, nextCursor, offsetFrom } from './paging';

const JSON_TYPE = 'application/json';
const PRODUCT_URI = /^products:\/\/(\d{1,10})$/;

const STATIC: (Resource & { visible: (actor: Actor) => boolean })[] = [
  {
    uri: 'users://stats',
    name: 'users-stats',
    title: 'User statistics',
    description: 'Admins only. Total, active and inactive accounts, and accounts per role.',
    mimeType: JSON_TYPE,
    visible: (actor) => can(actor, 'user:stats'),
  },
  {
    uri: 'products://low-stock',
    name: 'low-stock',
    title: 'Low-stock products',
    description: 'Admins only. Active products with fewer than 10 units, lowest first (first 100).',
    mimeType: JSON_TYPE,
    visible: (actor) => can(actor, 'product:read-stock'),
  },
];

export const PRODUCT_TEMPLATE: ResourceTemplate = {
  uriTemplate: 'products://{id}',
  name: 'product',
  title: 'A product',
  description: 'One product by numeric id, as JSON: name, slug, price, stock, description, metadata.',
  mimeType: JSON_TYPE,
};

/** MCP resources: read-only views over the same core services, with the same permissions as the tools. */
export class McpResources {
  constructor(
    private readonly users: UsersService,
    private readonly products: ProductsService,
  ) {}

  /** The static resources this caller may read, then one entry per visible product, a page at a time. */
  async list(actor: Actor, cursor?: string): Promise<{ resources: Resource[]; nextCursor?: string }> {
    const offset = offsetFrom(cursor);
    const fixed = STATIC.filter((r) => r.visible(actor)).map(({ visible: _, ...r }) => r);
    const resources: Resource[] = fixed.slice(offset, offset + LIST_PAGE_SIZE);
    const productOffset = Math.max(0, offset - fixed.length);
    const room = LIST_PAGE_SIZE - resources.length;
    const page = await this.products.list(actor, { skip: productOffset, limit: Math.max(1, room), sort: 'created_at' });
    if (room > 0) {
      for (const p of page.items) resources.push({ uri: `products://${p.id}`, name: p.slug, title: p.name, mimeType: JSON_TYPE });
    }
    return { resources, nextCursor: nextCursor(offset, resources.length, fixed.length + page.total) };
  }

  templates(cursor?: string): { resourceTemplates: ResourceTemplate[]; nextCursor?: string } {
    const all = [PRODUCT_TEMPLATE];
    const offset = offsetFrom(cursor);
    const resourceTemplates = all.slice(offset, offset + LIST_PAGE_SIZE);
    return { resourceTemplates, nextCursor: nextCursor(offset, resourceTemplates.length, all.length) };
  }

  async read(actor: Actor, uri: string): Promise<ReadResourceResult> {
    const json = (value: unknown): ReadResourceResult => ({ contents: [{ uri, mimeType: JSON_TYPE, text: JSON.stringify(value) }] });
    if (uri === 'users://stats') return json(await this.users.stats(actor));
    if (uri === 'products://low-stock') return json(await this.products.lowStock(actor, { threshold: 10, skip: 0, limit: 100 }));
    const match = PRODUCT_URI.exec(uri);
    if (match) {
      // the id is checked like any tool argument: 9999999999 is a clear refusal, not a database error
      const { id } = await parseInput(IdDto, { id: Number(match[1]) });
      return json(await this.products.get(actor, id));
    }
    throw new McpError(ErrorCode.InvalidParams, `Unknown resource: ${uri}`);
  }
}
