import { admin, catalogServices, shopper } from '../../test/catalog-services';
import { ANONYMOUS } from '../auth/actor';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../common/errors';
import { ListProductsQuery } from './dto/list-products.query';

const query = (fields: Partial<ListProductsQuery> = {}) => Object.assign(new ListProductsQuery(), fields);

describe('ProductsService.list', () => {
  it('pages 20 newest first when nothing else is asked, with the total of every match', async () => {
    const { service, seed } = catalogServices();
    for (let i = 1; i <= 25; i++) await seed(`Item ${i}`);
    const page = await service.list(ANONYMOUS, query());
    expect(page).toMatchObject({ skip: 0, limit: 20, total: 25 });
    expect(page.items.map((p) => p.name).slice(0, 2)).toEqual(['Item 25', 'Item 24']);
  });

  it('shows non-admins active products only, and refuses them a request for inactive ones', async () => {
    const { service, products, seed } = catalogServices();
    await seed('Lamp');
    await products.deactivate((await seed('Old Lamp')).id);
    await expect(service.list(shopper, query())).resolves.toMatchObject({ total: 1, items: [{ name: 'Lamp' }] });
    await expect(service.list(shopper, query({ is_active: false }))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(service.list(ANONYMOUS, query({ is_active: false }))).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('shows admins every product unless they filter by activity', async () => {
    const { service, products, seed } = catalogServices();
    await seed('Lamp');
    await products.deactivate((await seed('Old Lamp')).id);
    await expect(service.list(admin, query())).resolves.toMatchObject({ total: 2 });
    await expect(service.list(admin, query({ is_active: false }))).resolves.toMatchObject({ total: 1, items: [{ name: 'Old Lamp' }] });
  });

  it('searches names ignoring case and accents, by folding the term before the repository sees it', async () => {
    const { service, products, seed } = catalogServices();
    await seed('Crème Brûlée');
    await seed('Creme Caramel');
    await seed('Lamp');
    const list = jest.spyOn(products, 'list');
    const page = await service.list(shopper, query({ search: 'CRÈME' }));
    expect(list).toHaveBeenCalledWith(expect.objectContaining({ search: 'creme' }));
    expect(page.items.map((p) => p.name).sort()).toEqual(['Creme Caramel', 'Crème Brûlée']);
  });

  it('refuses a minimum price above the maximum, naming min_price, before reading anything', async () => {
    const { service, products } = catalogServices();
    const list = jest.spyOn(products, 'list');
    const error = await service.list(shopper, query({ min_price: 20, max_price: 10 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ errors: [{ field: 'min_price', rule: 'lteMaxPrice' }] });
    expect(list).not.toHaveBeenCalled();
  });

  it('filters by price range and stock, and sorts by price', async () => {
    const { service, seed } = catalogServices();
    await seed('Pen', { price: 2, stock: 0 });
    await seed('Lamp', { price: 30 });
    await seed('Desk', { price: 200 });
    await seed('Chair', { price: 80 });
    const page = await service.list(shopper, query({ min_price: 2, max_price: 100, in_stock: true, sort: '-price' }));
    expect(page.items.map((p) => p.name)).toEqual(['Chair', 'Lamp']);
    await expect(service.list(shopper, query({ in_stock: false }))).resolves.toMatchObject({ items: [{ name: 'Pen' }] });
  });

  it('caches each caller view of a query apart, so an admin list never reaches a shopper', async () => {
    const { service, products, cache, seed } = catalogServices();
    await products.deactivate((await seed('Old Lamp')).id);
    await service.list(admin, query());
    await expect(service.list(shopper, query())).resolves.toMatchObject({ total: 0 });
    expect(cache.listKeys).toHaveLength(2);
  });
});
