import { admin, catalogServices, shopper } from '../../test/catalog-services';
import { ANONYMOUS, userActor } from '../auth/actor';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../common/errors';

describe('ProductsService catalog writes', () => {
  it('creates an active product with a slug from its name, accents folded, defaulting what was not sent', async () => {
    const { service } = catalogServices();
    await expect(service.create(admin, { name: 'Café Crème', price: 4.5 })).resolves.toMatchObject({
      name: 'Café Crème',
      slug: 'cafe-creme',
      price: 4.5,
      stock: 0,
      description: null,
      metadata: null,
      is_active: true,
    });
  });

  it('suffixes -1, -2 … when a slug is taken', async () => {
    const { service } = catalogServices();
    const slugs = [];
    for (const name of ['Lamp', 'lamp', 'LAMP!']) slugs.push((await service.create(admin, { name, price: 10 })).slug);
    expect(slugs).toEqual(['lamp', 'lamp-1', 'lamp-2']);
  });

  it('keeps writes to admins, storing nothing for anyone else', async () => {
    const { service, products, seed } = catalogServices();
    const lamp = await seed('Lamp');
    const guest = userActor(3, 'guest');
    for (const actor of [shopper, guest]) {
      await expect(service.create(actor, { name: 'Chair', price: 10 })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(service.update(actor, lamp.id, { price: 1 })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(service.deactivate(actor, lamp.id)).rejects.toBeInstanceOf(ForbiddenError);
    }
    await expect(service.create(ANONYMOUS, { name: 'Chair', price: 10 })).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(products.rows).toEqual([expect.objectContaining({ name: 'Lamp', price: 10, isActive: true })]);
  });

  it('updates only the fields sent, keeping the slug unless the name changes', async () => {
    const { service, seed } = catalogServices();
    const lamp = await seed('Lamp', { description: 'Warm light', stock: 7 });
    await expect(service.update(admin, lamp.id, { price: 12.5 })).resolves.toMatchObject({
      name: 'Lamp',
      slug: 'lamp',
      price: 12.5,
      description: 'Warm light',
      stock: 7,
    });
    await expect(service.update(admin, lamp.id, { name: 'Desk Lamp', description: undefined })).resolves.toMatchObject({
      slug: 'desk-lamp',
      description: 'Warm light',
    });
  });

  it('gives a renamed product a free slug, and lets it keep its own when renamed alike', async () => {
    const { service, seed } = catalogServices();
    await seed('Desk Lamp');
    const lamp = await seed('Lamp');
    await expect(service.update(admin, lamp.id, { name: 'Desk lamp' })).resolves.toMatchObject({ slug: 'desk-lamp-1' });
    await expect(service.update(admin, lamp.id, { name: 'DESK LAMP' })).resolves.toMatchObject({ slug: 'desk-lamp-1' });
  });

  it('answers 404 for an unknown product, invalidating nothing', async () => {
    const { service, cache } = catalogServices();
    await expect(service.update(admin, 999, { price: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.deactivate(admin, 999)).rejects.toBeInstanceOf(NotFoundError);
    expect(cache.invalidated).toEqual([]);
  });

  it('invalidates the cached product after every write, so no reader sees it stale', async () => {
    const { service, cache } = catalogServices();
    const lamp = await service.create(admin, { name: 'Lamp', price: 10 });
    await service.get(shopper, lamp.id);
    await service.update(admin, lamp.id, { price: 11 });
    await expect(service.get(shopper, lamp.id)).resolves.toMatchObject({ price: 11 });
    await service.deactivate(admin, lamp.id);
    expect(cache.invalidated).toEqual([lamp.id, lamp.id, lamp.id]);
  });

  it('soft-deletes: the product is gone for shoppers but kept, inactive, for admins', async () => {
    const { service, seed } = catalogServices();
    const lamp = await seed('Lamp');
    await service.deactivate(admin, lamp.id);
    await expect(service.get(shopper, lamp.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(service.get(admin, lamp.id)).resolves.toMatchObject({ is_active: false });
  });
});
