import {
  AgentLimits,
  AgentLimitsService,
  CheckoutApprovalsService,
  CheckoutsService,
  NoPayment,
  OrdersService,
  slugOf,
  systemActor,
  userActor,
  type NewProduct,
} from '../src';
import { FakeOrdersUnitOfWork, InMemoryCheckouts, InMemoryIdempotencyStore, InMemoryOrders, ManualClock } from './order-fakes';
import { InMemoryProducts } from './product-fakes';

export const admin = userActor(1, 'admin');
export const alice = userActor(2, 'user');
export const bob = userActor(3, 'user');
export const guest = userActor(4, 'guest');
export const expiryJob = systemActor('checkout expiry');
export const TTL_SECONDS = 900;
/** AGENT_CHECKOUT_LIMIT as the specs set it: 100.00. */
export const DEFAULT_AGENT_LIMIT_CENTS = 10_000;
export const approvalUrl = (id: string) => `https://shop.example/approvals/checkouts/${id}`;

/** An app acting for the user: the same account and role, through a token issued to an OAuth client. */
export const viaApp = (actor: ReturnType<typeof userActor>, clientId = 'https://agent.example/client.json') =>
  userActor(actor.userId, actor.role, actor.scopes, clientId);

export class InMemoryAgentLimits extends AgentLimits {
  readonly limits = new Map<number, number>();
  async find(userId: number) {
    return this.limits.get(userId) ?? null;
  }
  async set(userId: number, cents: number | null) {
    if (cents === null) this.limits.delete(userId);
    else this.limits.set(userId, cents);
  }
}

/** The orders context over in-memory ports, wired as orders-api wires it over PostgreSQL. */
export function orderServices() {
  const products = new InMemoryProducts();
  const checkouts = new InMemoryCheckouts();
  const orders = new InMemoryOrders();
  const units = new FakeOrdersUnitOfWork({ products, checkouts, orders });
  const idempotency = new InMemoryIdempotencyStore();
  const clock = new ManualClock();
  const agentLimits = new AgentLimitsService(new InMemoryAgentLimits(), DEFAULT_AGENT_LIMIT_CENTS);
  const settings = { currency: 'EUR', ttlSeconds: TTL_SECONDS, approvalUrl };
  const checkoutService = new CheckoutsService(units, checkouts, idempotency, new NoPayment(), clock, settings, agentLimits);
  const approvals = new CheckoutApprovalsService(units, checkouts, clock);
  const orderService = new OrdersService(units, orders);
  /** A product put straight into the repository: a fixture, so a spec exercises only the rule it is about. */
  const seed = (name: string, fields: Partial<NewProduct> = {}) =>
    products.insert({ name, description: null, price: 10, stock: 5, metadata: null, ...fields }, slugOf(name));
  const stockOf = async (id: number) => (await products.findById(id))?.stock;
  let keys = 0;
  const key = () => `key-${++keys}`;
  return { products, checkouts, orders, units, idempotency, clock, checkoutService, orderService, agentLimits, approvals, seed, stockOf, key };
}
