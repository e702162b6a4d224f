import { FakeUnitOfWork } from '../../test/fake-unit-of-work';
import { InsufficientStockError, type NewProduct, type ProductsRepository } from '../index';

const item = (name: string, stock: number): NewProduct => ({ name, description: null, price: 10, stock, metadata: null });

/** How a checkout takes stock for all its lines: in ascending id order, all or nothing. */
async function reserve(products: ProductsRepository, lines: { id: number; quantity: number }[]): Promise<void> {
  for (const { id, quantity } of [...lines].sort((a, b) => a.id - b.id)) {
    if (!(await products.adjustStock(id, -quantity))) throw new InsufficientStockError(id, (await products.findById(id))?.stock ?? 0, -quantity);
  }
}

describe('UnitOfWork (the in-memory fake core specs use)', () => {
  it('rolls back every write when the work throws, and rejects with that same error', async () => {
    const uow = new FakeUnitOfWork();
    const { users, products } = uow.repositories;
    const lamp = await products.insert(item('Lamp', 5), 'lamp');
    const failure = new Error('payment declined');

    await expect(
      uow.run(async (tx) => {
        await tx.users.insert({ email: 'ada@x.io', username: 'ada', fullName: null, passwordHash: 'h', role: 'user' });
        await tx.products.insert(item('Desk', 1), 'desk');
        await tx.products.adjustStock(lamp.id, -2);
        await tx.products.update(lamp.id, { name: 'Lamp XL' }, 'lamp-xl');
        throw failure;
      }),
    ).rejects.toBe(failure);

    expect(users.rows).toEqual([]);
    expect(products.rows).toEqual([lamp]);
  });

  it('keeps every write when the work resolves, and returns its result', async () => {
    const uow = new FakeUnitOfWork();
    const result = await uow.run(async (tx) => {
      const desk = await tx.products.insert(item('Desk', 3), 'desk');
      await tx.products.adjustStock(desk.id, -1);
      return desk.id;
    });
    expect(await uow.repositories.products.findById(result)).toMatchObject({ name: 'Desk', stock: 2 });
  });

  it('refuses a reservation as a whole when one product lacks stock', async () => {
    const uow = new FakeUnitOfWork();
    const { products } = uow.repositories;
    const [a, b, c] = [await products.insert(item('A', 5), 'a'), await products.insert(item('B', 1), 'b'), await products.insert(item('C', 5), 'c')];

    await expect(
      uow.run((tx) =>
        reserve(tx.products, [
          { id: c.id, quantity: 2 },
          { id: a.id, quantity: 2 },
          { id: b.id, quantity: 2 },
        ]),
      ),
    ).rejects.toBeInstanceOf(InsufficientStockError);
    expect(products.rows.map((p) => p.stock)).toEqual([5, 1, 5]);
  });

  it('runs concurrent units one after another, so a rollback never erases the other unit', async () => {
    const uow = new FakeUnitOfWork();
    const { products } = uow.repositories;
    const lamp = await products.insert(item('Lamp', 5), 'lamp');
    const outcomes = await Promise.allSettled([
      uow.run((tx) => reserve(tx.products, [{ id: lamp.id, quantity: 3 }])),
      uow.run((tx) => reserve(tx.products, [{ id: lamp.id, quantity: 3 }])),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await products.findById(lamp.id))?.stock).toBe(2);
  });

  it('refuses a unit started inside another instead of waiting for ever', async () => {
    const uow = new FakeUnitOfWork();
    await expect(uow.run(() => uow.run(async () => 'inner'))).rejects.toThrow(/do not nest/);
  });
});
