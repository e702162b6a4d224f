import {
  type Checkout,
  type CheckoutChanges,
  CheckoutsRepository,
  Clock,
  type IdempotencyClaim,
  type IdempotencyKeyRef,
  IdempotencyStore,
  type NewCheckout,
  type NewOrder,
  type Order,
  type OrderFilter,
  type OrderStatus,
  OrdersRepository,
  type OrdersTransaction,
  OrdersUnitOfWork,
  type Page,
} from '../src';
import { InMemoryTransactions } from './fake-unit-of-work';
import { InMemoryProducts } from './product-fakes';

/** Readable UUIDs, numbered, so a spec can tell them apart without randomness. */
const uuid = (prefix: number, n: number) => `00000000-0000-4000-8${prefix}00-${String(n).padStart(12, '0')}`;

export class InMemoryCheckouts extends CheckoutsRepository {
  readonly rows: Checkout[] = [];

  async insert(c: NewCheckout): Promise<Checkout> {
    const now = new Date();
    const checkout: Checkout = {
      ...structuredClone(c),
      id: uuid(1, this.rows.length + 1),
      status: 'ready_for_complete',
      orderId: null,
      approval: null,
      createdAt: now,
      updatedAt: now,
    };
    this.rows.push(checkout);
    return structuredClone(checkout);
  }
  async findById(id: string) {
    const row = this.rows.find((r) => r.id === id);
    return row ? structuredClone(row) : null;
  }
  async lock(id: string) {
    return this.findById(id);
  }
  async save(id: string, changes: CheckoutChanges): Promise<Checkout> {
    const row = this.rows.find((r) => r.id === id);
    if (!row) throw new Error(`checkout ${id} is not stored`);
    Object.assign(row, structuredClone(changes), { updatedAt: new Date() });
    return structuredClone(row);
  }
  async claimExpired(now: Date, limit: number) {
    return this.rows
      .filter((r) => r.status === 'ready_for_complete' && r.expiresAt <= now)
      .slice(0, limit)
      .map((r) => structuredClone(r));
  }
}

export class InMemoryOrders extends OrdersRepository {
  readonly rows: Order[] = [];

  async insert(o: NewOrder): Promise<Order> {
    if (this.rows.some((r) => r.checkoutId === o.checkoutId)) throw new Error('duplicate key value violates unique constraint "orders_checkout_id_key"');
    const now = new Date();
    const order: Order = { ...structuredClone(o), id: uuid(2, this.rows.length + 1), status: 'confirmed', createdAt: now, updatedAt: now };
    this.rows.push(order);
    return structuredClone(order);
  }
  async findById(id: string) {
    const row = this.rows.find((r) => r.id === id);
    return row ? structuredClone(row) : null;
  }
  async lock(id: string) {
    return this.findById(id);
  }
  async setStatus(id: string, status: OrderStatus): Promise<Order> {
    const row = this.rows.find((r) => r.id === id);
    if (!row) throw new Error(`order ${id} is not stored`);
    Object.assign(row, { status, updatedAt: new Date() });
    return structuredClone(row);
  }
  async list(f: OrderFilter): Promise<Page<Order>> {
    const matches = this.rows
      .filter(
        (r) =>
          (f.userId === undefined || r.userId === f.userId) &&
          (f.status === undefined || r.status === f.status) &&
          (f.createdFrom === undefined || r.createdAt >= f.createdFrom) &&
          (f.createdBefore === undefined || r.createdAt < f.createdBefore),
      )
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    return { items: matches.slice(f.skip, f.skip + f.limit).map((o) => structuredClone(o)), total: matches.length, skip: f.skip, limit: f.limit };
  }
}

/** All or nothing like FakeUnitOfWork: units run one at a time, and a throw puts every table back. */
export class FakeOrdersUnitOfWork extends OrdersUnitOfWork {
  private readonly transactions: InMemoryTransactions<FakeOrdersUnitOfWork['repositories']>;

  constructor(readonly repositories: { products: InMemoryProducts; checkouts: InMemoryCheckouts; orders: InMemoryOrders }) {
    super();
    this.transactions = new InMemoryTransactions(repositories);
  }

  run<T>(work: (tx: OrdersTransaction) => Promise<T>): Promise<T> {
    return this.transactions.run(work);
  }
}

/** Claims decide synchronously, so of requests racing with one key exactly one gets it, as with INSERT … ON CONFLICT. */
export class InMemoryIdempotencyStore extends IdempotencyStore {
  readonly records = new Map<string, { fingerprint: string; response?: unknown; done: boolean }>();

  async claim(ref: IdempotencyKeyRef, fingerprint: string): Promise<IdempotencyClaim> {
    const id = `${ref.userId}/${ref.key}`;
    const found = this.records.get(id);
    if (!found) {
      this.records.set(id, { fingerprint, done: false });
      return { state: 'claimed' };
    }
    return found.done
      ? { state: 'completed', fingerprint: found.fingerprint, response: structuredClone(found.response) }
      : { state: 'in-progress', fingerprint: found.fingerprint };
  }
  async complete(ref: IdempotencyKeyRef, response: unknown) {
    const record = this.records.get(`${ref.userId}/${ref.key}`);
    if (record) Object.assign(record, { response: structuredClone(response), done: true });
  }
  async release(ref: IdempotencyKeyRef) {
    this.records.delete(`${ref.userId}/${ref.key}`);
  }
  async purgeExpired() {
    return 0; // the specs' keys never outlive them
  }
}

/** A clock a spec moves by hand. */
export class ManualClock extends Clock {
  constructor(private current = new Date('2026-03-02T10:00:00.000Z')) {
    super();
  }
  now() {
    return new Date(this.current);
  }
  advance(seconds: number) {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}
