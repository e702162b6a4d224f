import { NoProductCache, StockCacheInvalidation } from '../index';
import { orderServices } from '../../test/order-services';

class RecordingCache extends NoProductCache {
  readonly dropped: number[] = [];
  override async invalidate(id: number): Promise<void> {
    this.dropped.push(id);
  }
}

describe('StockCacheInvalidation', () => {
  it('drops from the cache every product whose stock the unit changed, once it ends', async () => {
    const { units, seed } = orderServices();
    const cache = new RecordingCache();
    const a = await seed('Lamp');
    const b = await seed('Desk');
    await seed('Chair');
    const invalidating = new StockCacheInvalidation(units, cache);

    await invalidating.run(async (tx) => {
      await tx.products.adjustStock(b.id, -1);
      await tx.products.adjustStock(a.id, -2);
      await tx.products.findById(a.id);
      expect(cache.dropped).toEqual([]);
    });

    expect(cache.dropped.sort()).toEqual([a.id, b.id].sort());
  });

  it('drops them also when the unit fails, and the failure still reaches the caller', async () => {
    const { units, seed, stockOf } = orderServices();
    const cache = new RecordingCache();
    const a = await seed('Lamp', { stock: 3 });
    const invalidating = new StockCacheInvalidation(units, cache);

    const failing = invalidating.run(async (tx) => {
      await tx.products.adjustStock(a.id, -1);
      throw new Error('refused');
    });

    await expect(failing).rejects.toThrow('refused');
    expect(cache.dropped).toEqual([a.id]);
    expect(await stockOf(a.id)).toBe(3);
  });
});
