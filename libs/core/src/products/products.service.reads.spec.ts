import { admin, catalogServices, platform, shopper } from '../../test/catalog-services';
import { ANONYMOUS } from '../auth/actor';
import { NotFoundError } from '../common/errors';
import { ListProductsQuery } from './dto/list-products.query';

const query = (fields: Partial<ListProductsQuery> = {}) => Object.assign(new ListProductsQuery(), fields);

describe('ProductsService reads', () => {
  it('reads a product by id or slug for anyone, signed in or not', async () => {
    const { service, seed } = catalogServices();
    const lamp = await seed('Lamp');
    await expect(service.get(ANONYMOUS, lamp.id)).resolves.toMatchObject({ id: lamp.id, slug: 'lamp', is_active: true });
    await expect(service.getBySlug(shopper, 'lamp')).resolves.toMatchObject({ id: lamp.id });
  });

  it('answers 404 for unknown ids and slugs, naming what was asked for', async () => {
    const { service } = catalogServices();
    await expect(service.get(admin, 999)).rejects.toThrow(new NotFoundError('Product', 999));
    await expect(service.getBySlug(admin, 'nope')).rejects.toThrow('Product "nope" does not exist');
  });

  it('hides an inactive product from everyone but those who manage the catalog, cached or not', async () => {
    const { service, products, seed } = catalogServices();
    const lamp = await seed('Lamp');
    await products.deactivate(lamp.id);
    await expect(service.get(admin, lamp.id)).resolves.toMatchObject({ is_active: false });
    await expect(service.get(platform, lamp.id)).resolves.toMatchObject({ is_active: false });
    // the admin's read is cached now; the cache holds the product, visibility is still decided per caller
    await expect(service.get(shopper, lamp.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.getBySlug(ANONYMOUS, 'lamp')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('serves repeated reads from the cache', async () => {
    const { service, products, seed } = catalogServices();
    const lamp = await seed('Lamp');
    const findById = jest.spyOn(products, 'findById');
    const list = jest.spyOn(products, 'list');
    for (let i = 0; i < 3; i++) {
      await service.get(shopper, lamp.id);
      await service.list(shopper, query());
    }
    expect(findById).toHaveBeenCalledTimes(1);
    expect(list).toHaveBeenCalledTimes(1);
  });
});
