import { type OrdersTransaction, OrdersUnitOfWork } from '@mercato/core';
import type { DataSource, EntityManager } from 'typeorm';
import { TypeormProductsRepository } from '../products/typeorm-products.repository';
import { runInTransaction } from '../typeorm-unit-of-work';
import { TypeormCheckoutsRepository } from './typeorm-checkouts.repository';
import { TypeormOrdersRepository } from './typeorm-orders.repository';

function bindOrdersRepositories(db: EntityManager): OrdersTransaction {
  return { products: new TypeormProductsRepository(db), checkouts: new TypeormCheckoutsRepository(db), orders: new TypeormOrdersRepository(db) };
}

/** The orders context's unit: the same transaction as TypeormUnitOfWork, handing out the orders repositories. */
export class TypeormOrdersUnitOfWork extends OrdersUnitOfWork {
  constructor(private readonly db: DataSource) {
    super();
  }

  run<T>(work: (tx: OrdersTransaction) => Promise<T>): Promise<T> {
    return runInTransaction(this.db, bindOrdersRepositories, work);
  }
}
