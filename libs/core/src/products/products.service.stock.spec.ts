import { admin, catalogServices, shopper } from '../../test/catalog-services';
import { ANONYMOUS } from '../auth/actor';
import { ConflictError, ForbiddenError, InsufficientStockError, NotFoundError, UnauthenticatedError } from '../common/errors';
import { MAX_STOCK } from './dto/product-fields';

describe('ProductsService.adjustStock', () => {
  it('adds and removes stock', async () => {
    const { service, seed } = catalogServices();
    const lamp = await seed('Lamp', { stock: 5 });
    await expect(service.adjustStock(admin, lamp.id, { quantity: 3 })).resolves.toMatchObject({ stock: 8 });
    await expect(service.adjustStock(admin, lamp.id, { quantity: -8 })).resolves.toMatchObject({ stock: 0 });
  });

  it('refuses to go below zero, naming the stock there is, and leaves it as it was', async () => {
    const { service, products, cache, seed } = catalogServices();
    const lamp = await seed('Lamp', { stock: 2 });
    const error = await service.adjustStock(admin, lamp.id, { quantity: -3 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsufficientStockError);
    expect(error).toMatchObject({ extensions: { product_id: lamp.id, stock: 2, requested: -3 } });
    expect((await products.findById(lamp.id))?.stock).toBe(2);
    expect(cache.invalidated).toEqual([]);
  });

  it('refuses to take stock past what the stock column holds, naming the field, and leaves it as it was', async () => {
    const { service, products, seed } = catalogServices();
    const pallet = await seed('Pallet', { stock: MAX_STOCK - 10 });
    const error = await service.adjustStock(admin, pallet.id, { quantity: 11 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ extensions: { field: 'quantity' } });
    expect((await products.findById(pallet.id))?.stock).toBe(MAX_STOCK - 10);
    await expect(service.adjustStock(admin, pallet.id, { quantity: 10 })).resolves.toMatchObject({ stock: MAX_STOCK });
  });

  it('answers 404 for an unknown or inactive product rather than a stock error', async () => {
    const { service, products, seed } = catalogServices();
    const lamp = await seed('Lamp', { stock: 5 });
    await products.deactivate(lamp.id);
    await expect(service.adjustStock(admin, lamp.id, { quantity: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.adjustStock(admin, lamp.id, { quantity: -10 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.adjustStock(admin, 999, { quantity: 1 })).rejects.toBeInstanceOf(NotFoundError);
    expect((await products.findById(lamp.id))?.stock).toBe(5);
  });

  it('keeps stock changes to admins', async () => {
    const { service, products, seed } = catalogServices();
    const lamp = await seed('Lamp', { stock: 5 });
    await expect(service.adjustStock(shopper, lamp.id, { quantity: -1 })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(service.adjustStock(ANONYMOUS, lamp.id, { quantity: -1 })).rejects.toBeInstanceOf(UnauthenticatedError);
    expect((await products.findById(lamp.id))?.stock).toBe(5);
  });

  it('invalidates the cached product, so the next read shows the new stock', async () => {
    const { service, cache, seed } = catalogServices();
    const lamp = await seed('Lamp', { stock: 5 });
    await service.get(shopper, lamp.id);
    await service.getBySlug(shopper, 'lamp');
    await service.adjustStock(admin, lamp.id, { quantity: -1 });
    expect(cache.invalidated).toEqual([lamp.id]);
    await expect(service.get(shopper, lamp.id)).resolves.toMatchObject({ stock: 4 });
    await expect(service.getBySlug(shopper, 'lamp')).resolves.toMatchObject({ stock: 4 });
  });

  it('lets removals racing for the last units take exactly what there is', async () => {
    const { service, products, seed } = catalogServices();
    const lamp = await seed('Lamp', { stock: 3 });
    // The guard is the repository's one conditional change; a read-then-write here would let all five through.
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => service.adjustStock(admin, lamp.id, { quantity: -1 })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(3);
    expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason)).toEqual([
      expect.any(InsufficientStockError),
      expect.any(InsufficientStockError),
    ]);
    expect((await products.findById(lamp.id))?.stock).toBe(0);
  });
});
