import { catalogServices } from '../../test/catalog-services';
import { userActor } from '../auth/actor';
import { InsufficientScopeError, NotFoundError } from '../common/errors';
import { ListProductsQuery } from './dto/list-products.query';
import { LowStockQuery } from './dto/low-stock.query';

const list = (fields: Partial<ListProductsQuery> = {}) => Object.assign(new ListProductsQuery(), fields);
const catalogReader = userActor(1, 'admin', ['catalog:read']);
const accountsOnly = userActor(1, 'admin', ['users:read', 'users:write']);

describe('ProductsService with a narrowed token', () => {
  it('lets an admin token narrowed to catalog:read read the reports but change nothing', async () => {
    const { service, seed } = catalogServices();
    const lamp = await seed('Lamp', { stock: 2 });
    await expect(service.lowStock(catalogReader, new LowStockQuery())).resolves.toMatchObject({ total: 1 });
    await expect(service.stats(catalogReader)).resolves.toMatchObject({ active_products: 1 });
    await expect(service.create(catalogReader, { name: 'Desk', price: 50 })).rejects.toMatchObject({ type: 'insufficient-scope', scope: 'catalog:write' });
    await expect(service.adjustStock(catalogReader, lamp.id, { quantity: 5 })).rejects.toBeInstanceOf(InsufficientScopeError);
    await expect(service.deactivate(catalogReader, lamp.id)).rejects.toBeInstanceOf(InsufficientScopeError);
    await expect(service.get(catalogReader, lamp.id)).resolves.toMatchObject({ stock: 2, is_active: true });
  });

  it('needs no scope for the public catalog, and shows an admin without catalog:read only what the public sees', async () => {
    const { service, products, seed } = catalogServices();
    const lamp = await seed('Lamp');
    const retired = await seed('Retired');
    await products.deactivate(retired.id);
    const nothing = userActor(1, 'admin', []);
    await expect(service.get(nothing, lamp.id)).resolves.toMatchObject({ name: 'Lamp' });
    await expect(service.getBySlug(accountsOnly, 'lamp')).resolves.toMatchObject({ id: lamp.id });
    await expect(service.list(accountsOnly, list())).resolves.toMatchObject({ total: 1, items: [{ name: 'Lamp' }] });
    await expect(service.get(accountsOnly, retired.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.get(catalogReader, retired.id)).resolves.toMatchObject({ is_active: false });
  });

  it('refuses an admin without catalog:read who asks for inactive products with the scope to ask for', async () => {
    const { service } = catalogServices();
    await expect(service.list(accountsOnly, list({ is_active: false }))).rejects.toMatchObject({
      type: 'insufficient-scope',
      scope: 'catalog:read',
      stepUpScopes: ['users:read', 'users:write', 'catalog:read'],
    });
    await expect(service.list(catalogReader, list({ is_active: false }))).resolves.toMatchObject({ total: 0 });
  });
});
