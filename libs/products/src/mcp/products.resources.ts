import { type Actor, IdDto, parseInput, ProductsService } from '@mercato/core';
import type { FixedResource, ResourceFamily } from '@mercato/mcp';

const JSON_TYPE = 'application/json';
const PRODUCT_URI = /^products:\/\/(\d{1,10})$/;

export function productsResources(products: ProductsService): FixedResource[] {
  return [
    {
      resource: {
        uri: 'products://low-stock',
        name: 'low-stock',
        title: 'Low-stock products',
        description: 'Admins only. Active products with fewer than 10 units, lowest first (first 100).',
        mimeType: JSON_TYPE,
      },
      requires: 'product:read-stock',
      read: (actor) => products.lowStock(actor, { threshold: 10, skip: 0, limit: 100 }),
    },
  ];
}

/** One resource per product the caller can see, oldest first so pages stay stable while products are added. */
export function productFamily(products: ProductsService, productIds: (actor: Actor, prefix: string) => Promise<string[]>): ResourceFamily {
  return {
    template: {
      uriTemplate: 'products://{id}',
      name: 'product',
      title: 'A product',
      description: 'One product by numeric id, as JSON: name, slug, price, stock, description, metadata.',
      mimeType: JSON_TYPE,
    },
    async read(actor, uri) {
      const match = PRODUCT_URI.exec(uri);
      if (!match) return undefined;
      // the id is checked like any tool argument: 9999999999 is a clear refusal, not a database error
      const { id } = await parseInput(IdDto, { id: Number(match[1]) });
      return products.get(actor, id);
    },
    async list(actor, skip, limit) {
      const page = await products.list(actor, { skip, limit, sort: 'created_at' });
      return { ...page, items: page.items.map((p) => ({ uri: `products://${p.id}`, name: p.slug, title: p.name, mimeType: JSON_TYPE })) };
    },
    complete: (actor, variable, prefix) => (variable === 'id' ? productIds(actor, prefix) : Promise.resolve([])),
  };
}
