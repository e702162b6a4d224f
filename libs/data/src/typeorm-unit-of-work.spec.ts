import { ConflictError, InsufficientStockError, type NewProduct, type NewUser, type ProductsRepository } from '@mercato/core';
import { EntityManager } from 'typeorm';
import { postgresErrorCode } from './postgres-errors';
import { TypeormProductsRepository } from './products/typeorm-products.repository';
import { repositoryDatabase, type RepositoryDatabase } from './testing/repository-database';
import { TypeormUnitOfWork } from './typeorm-unit-of-work';

let setup: RepositoryDatabase;
let uow: TypeormUnitOfWork;
/** Outside any unit: what every other connection sees. */
let products: TypeormProductsRepository;

beforeAll(async () => {
  setup = await repositoryDatabase();
  uow = new TypeormUnitOfWork(setup.db);
  products = new TypeormProductsRepository(setup.db);
});
afterAll(() => setup.close());

const item = (name: string, stock: number): NewProduct => ({ name, description: null, price: 9.99, stock, metadata: null });
const person = (name: string): NewUser => ({ email: `${name}@example.com`, username: name, fullName: null, passwordHash: 'x', role: 'user' });
const stockOf = async (id: number) => (await products.findById(id))?.stock;
const original = EntityManager.prototype.query;

/** A promise the test settles by hand, to hold a unit open at a chosen point. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

/** Resolves once a connection to this suite's database waits for a row lock: the second unit queues behind the first. */
async function aUnitWaitsForALock(): Promise<void> {
  for (let poll = 0; poll < 400; poll++) {
    const [{ waiting }] = (await setup.db.query(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    )) as { waiting: number }[];
    if (waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('No unit ever waited for the row lock');
}

/** How a checkout takes stock for all its lines: in ascending id order, so units never lock in opposite orders. */
async function reserve(tx: ProductsRepository, lines: { id: number; quantity: number }[]): Promise<void> {
  for (const { id, quantity } of [...lines].sort((a, b) => a.id - b.id)) {
    if (!(await tx.adjustStock(id, -quantity))) throw new InsufficientStockError(id, (await tx.findById(id))?.stock ?? 0, -quantity);
  }
}

describe('TypeormUnitOfWork', () => {
  it('rolls back every write across repositories when the work throws, rejecting with that same error', async () => {
    const lamp = await products.insert(item('Rollback lamp', 5), 'rollback-lamp');
    const before = await products.findById(lamp.id);
    const failure = new Error('payment declined');
    let seenInside: number | undefined;

    await expect(
      uow.run(async (tx) => {
        await tx.users.insert(person('rolled-back'));
        const desk = await tx.products.insert(item('Rollback desk', 4), 'rollback-desk');
        const chair = await tx.products.insert(item('Rollback chair', 4), 'rollback-chair');
        for (const id of [desk.id, chair.id, lamp.id]) await tx.products.adjustStock(id, -2);
        await tx.products.update(lamp.id, { name: 'Renamed lamp' }, 'renamed-lamp');
        seenInside = (await tx.products.findById(lamp.id))?.stock;
        expect(await stockOf(lamp.id)).toBe(5); // other connections never see an unfinished unit
        throw failure;
      }),
    ).rejects.toBe(failure);

    expect(seenInside).toBe(3);
    expect(await products.findById(lamp.id)).toEqual(before);
    expect(await products.findBySlug('rollback-desk')).toBeNull();
    expect(await products.findBySlug('rollback-chair')).toBeNull();
    expect(await setup.users.findByLogin('rolled-back')).toBeNull();
  });

  it('commits every write when the work resolves, and returns its result', async () => {
    const ids = await uow.run(async (tx) => {
      const user = await tx.users.insert(person('committed'));
      const desk = await tx.products.insert(item('Commit desk', 4), 'commit-desk');
      const chair = await tx.products.insert(item('Commit chair', 4), 'commit-chair');
      await reserve(tx.products, [
        { id: desk.id, quantity: 1 },
        { id: chair.id, quantity: 3 },
      ]);
      return { user: user.id, desk: desk.id, chair: chair.id };
    });

    expect((await setup.users.findById(ids.user))?.username).toBe('committed');
    expect([await stockOf(ids.desk), await stockOf(ids.chair)]).toEqual([3, 1]);
  });

  it('refuses a reservation for several products as a whole when one lacks stock', async () => {
    const [a, b, c] = [
      await products.insert(item('Res A', 5), 'res-a'),
      await products.insert(item('Res B', 1), 'res-b'),
      await products.insert(item('Res C', 5), 'res-c'),
    ];
    const lines = [c, b, a].map((p) => ({ id: p.id, quantity: 2 }));

    await expect(uow.run((tx) => reserve(tx.products, lines))).rejects.toMatchObject({ extensions: { product_id: b.id, stock: 1, requested: -2 } });
    expect([await stockOf(a.id), await stockOf(b.id), await stockOf(c.id)]).toEqual([5, 1, 5]);
  });

  it('still turns a taken e-mail into a ConflictError, and the unit goes on and commits after it is caught', async () => {
    await setup.users.insert(person('taken'));
    const refusals = await uow.run(async (tx) => {
      const onInsert = await tx.users.insert({ ...person('other'), email: 'taken@example.com' }).catch((e: unknown) => e);
      const mover = await tx.users.insert(person('mover'));
      const onUpdate = await tx.users.update(mover.id, { email: 'taken@example.com' }).catch((e: unknown) => e);
      await tx.products.insert(item('After conflict', 1), 'after-conflict');
      return [onInsert, onUpdate];
    });

    for (const refusal of refusals) {
      expect(refusal).toBeInstanceOf(ConflictError);
      expect((refusal as ConflictError).extensions).toEqual({ field: 'email' });
    }
    expect((await setup.users.findByLogin('mover'))?.email).toBe('mover@example.com');
    expect(await products.findBySlug('after-conflict')).not.toBeNull();
    expect(await setup.users.findByLogin('other')).toBeNull();
  });

  it('rejects, committing nothing, when the work swallows a database error that aborted the transaction', async () => {
    const lamp = await products.insert(item('Swallow lamp', 5), 'swallow-lamp');
    const run = uow.run(async (tx) => {
      await tx.products.adjustStock(lamp.id, -1);
      await tx.products.adjustStock(lamp.id, 2 ** 63).catch(() => null); // out of range even for the bigint sum
      return 'looks fine';
    });

    await expect(run).rejects.toThrow(/nothing was committed/);
    expect(await stockOf(lamp.id)).toBe(5);
  });

  it('rejects as well when the aborted state was already reported before the work resolved', async () => {
    const lamp = await products.insert(item('Settled lamp', 5), 'settled-lamp');
    const run = uow.run(async (tx) => {
      await tx.products.adjustStock(lamp.id, 2 ** 63).catch(() => null);
      await new Promise((resolve) => setTimeout(resolve, 50)); // the server's "failed transaction" status has arrived
      return 'looks fine';
    });
    await expect(run).rejects.toThrow(/nothing was committed/);
    expect(await stockOf(lamp.id)).toBe(5);
  });

  it('commits a healthy unit without asking the database whether it is healthy', async () => {
    const lamp = await products.insert(item('Quick lamp', 5), 'quick-lamp');
    const statements: string[] = [];
    const spy = jest.spyOn(EntityManager.prototype, 'query').mockImplementation(function (
      this: EntityManager,
      sql: string,
      parameters?: Parameters<EntityManager['query']>[1],
    ) {
      statements.push(sql);
      return original.call(this, sql, parameters);
    });
    try {
      await uow.run((tx) => tx.products.adjustStock(lamp.id, -1));
    } finally {
      spy.mockRestore();
    }
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^UPDATE products/);
    expect(await stockOf(lamp.id)).toBe(4);
  });

  it('queues two units adjusting the same product, so neither update is lost', async () => {
    const lamp = await products.insert(item('Busy lamp', 10), 'busy-lamp');
    const [held, release] = [signal(), signal()];
    const first = uow.run(async (tx) => {
      await tx.products.adjustStock(lamp.id, -3);
      held.fire();
      await release.promise;
    });
    await held.promise;
    const second = uow.run((tx) => tx.products.adjustStock(lamp.id, -4));
    await aUnitWaitsForALock();
    release.fire();

    await first;
    expect((await second)?.stock).toBe(3); // the second unit's UPDATE applied to the first one's committed row
    expect(await stockOf(lamp.id)).toBe(3);
  });

  it('lets only one of two units take the last units of stock', async () => {
    const lamp = await products.insert(item('Scarce lamp', 5), 'scarce-lamp');
    const [held, release] = [signal(), signal()];
    const first = uow.run(async (tx) => {
      await reserve(tx.products, [{ id: lamp.id, quantity: 3 }]);
      held.fire();
      await release.promise;
    });
    await held.promise;
    const second = uow.run((tx) => reserve(tx.products, [{ id: lamp.id, quantity: 3 }]));
    await aUnitWaitsForALock();
    release.fire();

    await first;
    await expect(second).rejects.toMatchObject({ extensions: { product_id: lamp.id, stock: 2, requested: -3 } });
    expect(await stockOf(lamp.id)).toBe(2);
  });

  it('fails one of two units that lock rows in opposite orders with the deadlock error, keeping only the other', async () => {
    const [a, b] = [await products.insert(item('Deadlock A', 10), 'deadlock-a'), await products.insert(item('Deadlock B', 10), 'deadlock-b')];
    const [aLocked, bLocked] = [signal(), signal()];
    const outcomes = await Promise.allSettled([
      uow.run(async (tx) => {
        await tx.products.adjustStock(a.id, -1);
        aLocked.fire();
        await bLocked.promise;
        await tx.products.adjustStock(b.id, -1);
      }),
      uow.run(async (tx) => {
        await aLocked.promise;
        await tx.products.adjustStock(b.id, -2);
        bLocked.fire();
        await tx.products.adjustStock(a.id, -2);
      }),
    ]);

    const failures = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    expect(failures.map(postgresErrorCode)).toEqual(['40P01']);
    const taken = outcomes[0].status === 'fulfilled' ? 1 : 2;
    expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([10 - taken, 10 - taken]);
  });
});
