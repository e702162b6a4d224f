import { admin, catalogServices, shopper } from '../../test/catalog-services';
import { ANONYMOUS } from '../auth/actor';
import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import { LowStockQuery } from './dto/low-stock.query';

describe('ProductsService reports', () => {
  it('lists active products under the threshold, lowest stock first, default threshold 10', async () => {
    const { service, products, seed } = catalogServices();
    await seed('Plenty', { stock: 10 });
    await seed('Few', { stock: 3 });
    await seed('None', { stock: 0 });
    await products.deactivate((await seed('Retired', { stock: 1 })).id);
    const report = await service.lowStock(admin, new LowStockQuery());
    expect(report).toMatchObject({ threshold: 10, total: 2, skip: 0, limit: 20 });
    expect(report.items.map((p) => [p.name, p.stock])).toEqual([
      ['None', 0],
      ['Few', 3],
    ]);
  });

  it('sums the active catalog exactly to the cent', async () => {
    const { service, products, seed } = catalogServices();
    await seed('A', { price: 0.1, stock: 3 });
    await seed('B', { price: 0.2, stock: 3 });
    await products.deactivate((await seed('C', { price: 100, stock: 100 })).id);
    await expect(service.stats(admin)).resolves.toEqual({ active_products: 2, inactive_products: 1, total_stock_units: 6, stock_value: 0.9 });
  });

  it('keeps reports to admins', async () => {
    const { service } = catalogServices();
    await expect(service.lowStock(shopper, new LowStockQuery())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(service.stats(shopper)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(service.stats(ANONYMOUS)).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
