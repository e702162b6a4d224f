import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { ConflictError, InsufficientStockError, NotFoundError, ValidationError } from '../common/errors';
import type { JsonText } from '../common/json-text';
import type { Page } from '../common/pagination';
import { foldForSearch, slugOf } from '../common/slug';
import type { AdjustStockDto } from './dto/adjust-stock.dto';
import type { CreateProductDto } from './dto/create-product.dto';
import type { ListProductsQuery } from './dto/list-products.query';
import type { LowStockQuery } from './dto/low-stock.query';
import { MAX_STOCK } from './dto/product-fields';
import type { UpdateProductDto } from './dto/update-product.dto';
import type { Product } from './product';
import type { ProductCache } from './product-cache';
import { toProductView, type ProductStatsView, type ProductView } from './product.view';
import { activityFilterFor, assertCanReadStockLevels, assertCanWriteProducts, canSeeInactiveProducts } from './products.policy';
import type { ProductsRepository } from './products.repository';

export class ProductsService {
  constructor(
    private readonly products: ProductsRepository,
    private readonly cache: ProductCache,
  ) {}

  async list(actor: Actor, query: ListProductsQuery): Promise<Page<ProductView>> {
    return (await this.listAsJson(actor, query)).value;
  }

  /** The same page as `list`, with its JSON text, for a response to send as it is. */
  async listAsJson(actor: Actor, query: ListProductsQuery): Promise<JsonText<Page<ProductView>>> {
    if (query.min_price !== undefined && query.max_price !== undefined && query.min_price > query.max_price) {
      throw new ValidationError([{ field: 'min_price', rule: 'lteMaxPrice', message: 'min_price must not exceed max_price' }]);
    }
    const filter = {
      search: query.search ? foldForSearch(query.search) : undefined,
      minPrice: query.min_price,
      maxPrice: query.max_price,
      inStock: query.in_stock,
      isActive: activityFilterFor(actor, query.is_active),
      sort: query.sort,
      skip: query.skip,
      limit: query.limit,
    };
    return this.cache.list(JSON.stringify(filter), async () => {
      const page = await this.products.list(filter);
      return { ...page, items: page.items.map(toProductView) };
    });
  }

  async get(actor: Actor, id: number): Promise<ProductView> {
    return (await this.getAsJson(actor, id)).value;
  }

  /** The same product as `get`, with its JSON text, for a response to send as it is. */
  async getAsJson(actor: Actor, id: number): Promise<JsonText<ProductView>> {
    return this.visibleTo(actor, await this.cache.byId(id, async () => viewOrNull(await this.products.findById(id))), id);
  }

  async getBySlug(actor: Actor, slug: string): Promise<ProductView> {
    return (await this.getBySlugAsJson(actor, slug)).value;
  }

  async getBySlugAsJson(actor: Actor, slug: string): Promise<JsonText<ProductView>> {
    return this.visibleTo(actor, await this.cache.bySlug(slug, async () => viewOrNull(await this.products.findBySlug(slug))), `"${slug}"`);
  }

  async create(actor: Actor, dto: CreateProductDto): Promise<ProductView> {
    assertCanWriteProducts(actor);
    const product = await this.products.insert(
      { name: dto.name, description: dto.description ?? null, price: dto.price, stock: dto.stock ?? 0, metadata: dto.metadata ?? null },
      slugOf(dto.name),
    );
    await this.cache.invalidate(product.id);
    return toProductView(product);
  }

  async update(actor: Actor, id: number, dto: UpdateProductDto): Promise<ProductView> {
    assertCanWriteProducts(actor);
    const product = await this.products.update(id, dto, dto.name === undefined ? undefined : slugOf(dto.name));
    if (!product) throw new NotFoundError('Product', id);
    await this.cache.invalidate(id);
    return toProductView(product);
  }

  /** Refuses (409) rather than clamps when stock would go below zero, and leaves the stock as it was. */
  async adjustStock(actor: Actor, id: number, { quantity }: AdjustStockDto): Promise<ProductView> {
    assertCanWriteProducts(actor);
    const product = await this.products.adjustStock(id, quantity);
    if (!product) throw await this.whyNotAdjusted(id, quantity);
    await this.cache.invalidate(id);
    return toProductView(product);
  }

  async deactivate(actor: Actor, id: number): Promise<void> {
    assertCanWriteProducts(actor);
    if (!(await this.products.deactivate(id))) throw new NotFoundError('Product', id);
    await this.cache.invalidate(id);
  }

  async lowStock(actor: Actor, { threshold, skip, limit }: LowStockQuery): Promise<Page<ProductView> & { threshold: number }> {
    assertCanReadStockLevels(actor);
    const page = await this.products.lowStock(threshold, skip, limit);
    return { ...page, items: page.items.map(toProductView), threshold };
  }

  async stats(actor: Actor): Promise<ProductStatsView> {
    assertCan(actor, 'product:stats');
    const s = await this.products.stats();
    return { active_products: s.active, inactive_products: s.inactive, total_stock_units: s.totalStock, stock_value: s.stockValue };
  }

  private visibleTo(actor: Actor, product: JsonText<ProductView | null>, key: number | string): JsonText<ProductView> {
    const view = product.value;
    if (!view || (!view.is_active && !canSeeInactiveProducts(actor))) throw new NotFoundError('Product', key);
    return product as JsonText<ProductView>;
  }

  private async whyNotAdjusted(id: number, quantity: number): Promise<Error> {
    const current = await this.products.findById(id);
    if (!current || !current.isActive) return new NotFoundError('Product', id);
    if (current.stock + quantity > MAX_STOCK) {
      return new ConflictError(`Product ${id} has ${current.stock} in stock; adding ${quantity} would take it past ${MAX_STOCK}`, 'quantity');
    }
    return new InsufficientStockError(id, current.stock, quantity);
  }
}

function viewOrNull(product: Product | null): ProductView | null {
  return product ? toProductView(product) : null;
}
