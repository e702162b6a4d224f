import type { ProductCache } from '../products/product-cache';
import type { ProductsRepository } from '../products/products.repository';
import { OrdersUnitOfWork, type OrdersTransaction } from './orders-unit-of-work';

/**
 * A product's stock is what can still be bought, and the catalog caches products: every product whose stock a
 * unit touched is dropped from the cache once the unit ends, so the catalog shows the new stock at once.
 * Dropping after a rollback costs one cache miss, never a wrong answer.
 */
export class StockCacheInvalidation extends OrdersUnitOfWork {
  constructor(
    private readonly inner: OrdersUnitOfWork,
    private readonly cache: ProductCache,
  ) {
    super();
  }

  async run<T>(work: (tx: OrdersTransaction) => Promise<T>): Promise<T> {
    const touched = new Set<number>();
    try {
      return await this.inner.run((tx) => work({ ...tx, products: recordingStockChanges(tx.products, touched) }));
    } finally {
      await Promise.all([...touched].map((id) => this.cache.invalidate(id)));
    }
  }
}

function recordingStockChanges(products: ProductsRepository, touched: Set<number>): ProductsRepository {
  return new Proxy(products, {
    get(target, property) {
      if (property === 'adjustStock') {
        return (id: number, delta: number) => {
          touched.add(id);
          return target.adjustStock(id, delta);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
