import {
  AdjustStockByIdDto,
  CreateProductDto,
  IdDto,
  ListProductsQuery,
  LowStockQuery,
  ProductRefDto,
  ProductsService,
  ProductView,
  UpdateProductByIdDto,
} from '@mercato/core';
import { DONE, type McpTool, pageOf, schemaOf, tool } from '@mercato/mcp';

export function productsTools(products: ProductsService): McpTool[] {
  const product = schemaOf(ProductView);
  return [
    tool({
      name: 'search_products',
      title: 'Search products',
      description:
        'Finds products in the catalog. `search` matches part of the name, ignoring case and accents. Filter by min_price, max_price, in_stock; sort by created_at, -created_at (default), price, -price or name. Returns one page (limit ≤ 100, default 20) and the total: use skip to page on rather than asking for everything.',
      input: ListProductsQuery,
      output: pageOf(ProductView),
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
      run: (actor, query) => products.list(actor, query),
    }),
    tool({
      name: 'get_product',
      title: 'Get a product',
      description: 'Returns one product by numeric `id` or by `slug` (give one of them): name, price, stock, description and metadata.',
      input: ProductRefDto,
      output: product,
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
      run: (actor, { id, slug }) => (id !== undefined ? products.get(actor, id) : products.getBySlug(actor, slug ?? '')),
    }),
    tool({
      name: 'create_product',
      title: 'Create a product',
      description:
        'Admins only. Adds a product: name (1-200 characters), price (> 0, at most 2 decimals), optional stock (default 0), description and metadata (a JSON object). The slug is derived from the name.',
      input: CreateProductDto,
      output: product,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
      requires: 'product:write',
      run: (actor, dto) => products.create(actor, dto),
    }),
    tool({
      name: 'update_product',
      title: 'Update a product',
      description:
        'Admins only. Changes name, price, description or metadata of a product; fields left out stay as they are. It does not change stock (use adjust_stock) or remove products (use deactivate_product).',
      input: UpdateProductByIdDto,
      output: product,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      requires: 'product:write',
      run: (actor, { id, ...dto }) => products.update(actor, id, dto),
    }),
    tool({
      name: 'adjust_stock',
      title: 'Adjust product stock',
      description:
        'Admins only. Adds units to stock (positive quantity) or removes them (negative quantity) in one atomic step. Refuses, changing nothing, if stock would go below zero; the error says how many units are in stock. Not idempotent: calling twice changes stock twice.',
      input: AdjustStockByIdDto,
      output: product,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
      requires: 'product:write',
      run: (actor, { id, quantity }) => products.adjustStock(actor, id, { quantity }),
    }),
    tool({
      name: 'deactivate_product',
      title: 'Deactivate a product',
      description: 'Admins only. Removes a product from the catalog for customers (soft delete); admins can still see it. Its data is kept.',
      input: IdDto,
      output: DONE,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
      requires: 'product:write',
      run: async (actor, { id }) => {
        await products.deactivate(actor, id);
        return { ok: true, id };
      },
    }),
    tool({
      name: 'list_low_stock',
      title: 'List low-stock products',
      description:
        'Admins only. Active products with fewer units than `threshold` (default 10), lowest stock first, one page at a time with the total. Use it to plan restocking.',
      input: LowStockQuery,
      output: { ...pageOf(ProductView), properties: { ...(pageOf(ProductView)['properties'] as object), threshold: { type: 'integer' } } },
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
      requires: 'product:read-stock',
      run: (actor, query) => products.lowStock(actor, query),
    }),
  ];
}
