import type { Page } from '../common/pagination';
import type { Product } from './product';

export interface NewProduct {
  name: string;
  description: string | null;
  price: number;
  stock: number;
  metadata: Record<string, unknown> | null;
}

export type ProductChanges = Partial<NewProduct>;

export type ProductSort = 'created_at' | '-created_at' | 'price' | '-price' | 'name';

export interface ProductFilter {
  /** Already folded with foldForSearch. */
  search?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  /** undefined: both active and inactive. */
  isActive?: boolean;
  sort: ProductSort;
  skip: number;
  limit: number;
}

export interface ProductStats {
  active: number;
  inactive: number;
  totalStock: number;
  stockValue: number;
}

/**
 * The port libs/data implements. Slugs are unique: `insert` and `update` store `baseSlug`, or `baseSlug-1`,
 * `-2`, … when taken, deciding atomically so concurrent creates of one name still get distinct slugs.
 */
export abstract class ProductsRepository {
  abstract insert(product: NewProduct, baseSlug: string): Promise<Product>;
  abstract update(id: number, changes: ProductChanges, baseSlug?: string): Promise<Product | null>;
  abstract findById(id: number): Promise<Product | null>;
  abstract findBySlug(slug: string): Promise<Product | null>;
  abstract list(filter: ProductFilter): Promise<Page<Product>>;
  /** One guarded UPDATE: applies `delta` only to an active product whose stock stays within 0…MAX_STOCK; null otherwise. */
  abstract adjustStock(id: number, delta: number): Promise<Product | null>;
  abstract deactivate(id: number): Promise<Product | null>;
  /** Active products with stock below `threshold`, lowest first. */
  abstract lowStock(threshold: number, skip: number, limit: number): Promise<Page<Product>>;
  abstract stats(): Promise<ProductStats>;
}
