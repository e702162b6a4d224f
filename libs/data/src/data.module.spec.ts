import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  CheckoutsRepository,
  IdempotencyStore,
  OrdersRepository,
  OrdersUnitOfWork,
  ProductsRepository,
  RefreshTokensRepository,
  SalesReports,
  UnitOfWork,
  UsersRepository,
} from '@mercato/core';
import { DATABASE_OPTIONS, DataModule } from './data.module';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

let database: TestDatabase;
let app: INestApplicationContext;

beforeAll(async () => {
  database = await createTestDatabase();
  // As an app's global ConfigModule does: the options are provided once, DataModule is simply imported.
  @Module({ imports: [DataModule] })
  class App {}
  const config = {
    module: class Config {},
    global: true,
    providers: [{ provide: DATABASE_OPTIONS, useValue: { url: database.url } }],
    exports: [DATABASE_OPTIONS],
  };
  app = await NestFactory.createApplicationContext({ module: App, imports: [config] }, { logger: false });
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

describe('DataModule', () => {
  it('provides every repository port and a unit of work whose commits the injected repositories read', async () => {
    expect([UsersRepository, RefreshTokensRepository, ProductsRepository].map((port) => app.get(port) instanceof port)).toEqual([true, true, true]);
    const id = await app
      .get(UnitOfWork)
      .run(async (tx) => (await tx.users.insert({ email: 'wired@example.com', username: 'wired', fullName: null, passwordHash: 'x', role: 'user' })).id);
    expect((await app.get(UsersRepository).findById(id))?.email).toBe('wired@example.com');
  });

  it('provides the orders ports and an orders unit of work whose commits the injected repositories read', async () => {
    const ports = [CheckoutsRepository, OrdersRepository, SalesReports, IdempotencyStore, OrdersUnitOfWork] as const;
    expect(ports.map((port) => app.get<object>(port) instanceof port)).toEqual([true, true, true, true, true]);
    const user = await app.get(UsersRepository).insert({ email: 'orders@example.com', username: 'orders', fullName: null, passwordHash: 'x', role: 'user' });
    const lines = [{ productId: 1, name: 'Lamp', unitPriceCents: 100, quantity: 1 }];
    const id = await app
      .get(OrdersUnitOfWork)
      .run(async (tx) => (await tx.checkouts.insert({ userId: user.id, currency: 'EUR', lines, expiresAt: new Date() })).id);
    await expect(app.get(CheckoutsRepository).findById(id)).resolves.toMatchObject({ userId: user.id, lines });
  });
});
