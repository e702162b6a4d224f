import type { ProductsRepository } from '../products/products.repository';
import type { CheckoutsRepository } from './checkouts.repository';
import type { OrdersRepository } from './orders.repository';

/** The repositories an orders unit hands its work, every one bound to the unit's transaction. */
export interface OrdersTransaction {
  products: ProductsRepository;
  checkouts: CheckoutsRepository;
  orders: OrdersRepository;
}

/**
 * The transaction port of the orders context, with the same promises as UnitOfWork (common/unit-of-work.ts):
 * all or nothing, repositories used one after another, rows of one table touched in ascending id order. It is
 * its own port rather than more members of TransactionalRepositories so that the other contexts' units need
 * not know about orders; the data layer may implement both with one transaction factory.
 */
export abstract class OrdersUnitOfWork {
  abstract run<T>(work: (tx: OrdersTransaction) => Promise<T>): Promise<T>;
}
