import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { gatewayWithAgents, newAgent, type GatewayWithAgents } from './mcp-client';
import { call, type Shop, shopThrough, startShopGateway } from './shop';
import { badFields, problem, schemaBreach, structured } from './tool-results';

let setup: GatewayWithAgents;
let shop: Shop;
let asAdmin: Client;
let asUser: Client;
let outputOf: (tool: string) => unknown;

beforeAll(async () => {
  ({ setup, shop, asAdmin, asUser, outputOf } = await startShopGateway());
}, 60_000);
afterAll(() => setup.close());

const DAY_MS = 24 * 60 * 60 * 1000;
const utcDay = (offsetDays = 0) => new Date(Date.now() + offsetDays * DAY_MS).toISOString().slice(0, 10);

describe('a customer’s orders', () => {
  it('lists only the caller’s own orders, newest first, paged and filtered by status and UTC day', async () => {
    const buyer = await newAgent(setup.gateway);
    try {
      const item = await shop.product(3, 10);
      const first = await shop.order(buyer.client, [[item, 1]]);
      const second = await shop.order(buyer.client, [[item, 2]]);
      await shop.order(asUser, [[item, 1]]);
      await call(buyer.client, 'cancel_order', { id: first['id'] });

      const page = structured(await call(buyer.client, 'list_orders', {}));

      expect(schemaBreach(outputOf('list_orders'), page)).toBeUndefined();
      expect(page).toMatchObject({ total: 2, skip: 0, limit: 20 });
      expect((page['items'] as { id: string }[]).map((o) => o.id)).toEqual([second['id'], first['id']]);
      const ids = async (args: Record<string, unknown>) =>
        (structured(await call(buyer.client, 'list_orders', args))['items'] as { id: string }[]).map((o) => o.id);
      expect(await ids({ limit: 1, skip: 1 })).toEqual([first['id']]);
      expect(await ids({ status: 'canceled' })).toEqual([first['id']]);
      expect(await ids({ status: 'confirmed' })).toEqual([second['id']]);
      expect(await ids({ from: utcDay(-1), to: utcDay(1) })).toHaveLength(2);
      expect(await ids({ from: utcDay(2) })).toEqual([]);
      const someoneElse = await call(buyer.client, 'list_orders', { user_id: setup.user.me.id });
      expect(problem(someoneElse)).toMatchObject({ type: 'forbidden' });
      expect(badFields(await call(buyer.client, 'list_orders', { from: '2026-02-30' }))).toEqual(['from']);
      expect(badFields(await call(buyer.client, 'list_orders', { limit: 101 }))).toEqual(['limit']);
    } finally {
      await buyer.client.close();
    }
  });

  it('cancels a confirmed order with cancel_order, giving its stock back exactly once', async () => {
    const lamp = await shop.product(20, 5);
    const order = await shop.order(asUser, [[lamp, 3]]);
    expect(await shop.stockOf(lamp)).toBe(2);

    const canceled = structured(await call(asUser, 'cancel_order', { id: order['id'] }));

    expect(schemaBreach(outputOf('cancel_order'), canceled)).toBeUndefined();
    expect(canceled).toMatchObject({ id: order['id'], status: 'canceled' });
    expect(await shop.stockOf(lamp)).toBe(5);
    expect(structured(await call(asUser, 'cancel_order', { id: order['id'] }))).toMatchObject({ status: 'canceled' });
    expect(await shop.stockOf(lamp)).toBe(5);
    expect(structured(await call(asUser, 'get_order', { id: order['id'] }))).toMatchObject({ status: 'canceled' });
  });

  it('refuses to cancel an order once it has shipped, and keeps its stock sold', async () => {
    const chair = await shop.product(45, 2);
    const order = await shop.order(asUser, [[chair, 1]]);
    await call(asAdmin, 'update_order_status', { id: order['id'], status: 'shipped' });

    const refused = await call(asUser, 'cancel_order', { id: order['id'] });

    expect(refused.isError).toBe(true);
    expect(problem(refused)).toMatchObject({ type: 'conflict', detail: expect.stringMatching(/is shipped/) });
    expect(await shop.stockOf(chair)).toBe(1);
  });
});

describe('running orders as an admin', () => {
  it('moves an order forward with update_order_status and refuses any other move', async () => {
    const desk = await shop.product(150, 3);
    const order = await shop.order(asUser, [[desk, 1]]);
    const move = (status: string) => call(asAdmin, 'update_order_status', { id: order['id'], status });

    const shipped = structured(await move('shipped'));

    expect(schemaBreach(outputOf('update_order_status'), shipped)).toBeUndefined();
    expect(shipped).toMatchObject({ id: order['id'], status: 'shipped', user_id: setup.user.me.id });
    for (const again of ['shipped', 'confirmed', 'canceled']) expect((await move(again)).isError).toBe(true);
    expect(problem(await move('shipped'))).toMatchObject({ type: 'conflict', detail: expect.stringMatching(/cannot become shipped/) });
    expect(badFields(await move('canceled'))).toEqual(['status']);
    expect(structured(await move('delivered'))).toMatchObject({ status: 'delivered' });
    expect(structured(await call(asUser, 'get_order', { id: order['id'] }))).toMatchObject({ status: 'delivered' });

    const straight = await shop.order(asUser, [[desk, 1]]);
    expect(structured(await call(asAdmin, 'update_order_status', { id: straight['id'], status: 'delivered' }))).toMatchObject({ status: 'delivered' });
    expect(problem(await call(asUser, 'update_order_status', { id: straight['id'], status: 'delivered' }))).toMatchObject({ type: 'forbidden' });
  });

  it("reads and lists any account's orders", async () => {
    const order = await shop.order(asUser, [[await shop.product(2, 2), 1]]);
    expect(structured(await call(asAdmin, 'get_order', { id: order['id'] }))).toEqual(order);
    const page = structured(await call(asAdmin, 'list_orders', { user_id: setup.user.me.id }));
    const owners = new Set((page['items'] as { user_id: number }[]).map((o) => o.user_id));
    expect([...owners]).toEqual([setup.user.me.id]);
  });
});

describe('sales reports', () => {
  it('reports orders, units and revenue, and the best-selling products, leaving canceled orders out', async () => {
    // a gateway of its own: these are the only orders in its database
    const own = await gatewayWithAgents();
    try {
      const store = shopThrough(own.admin.client);
      const pen = await store.product(2.5, 100);
      const pad = await store.product(10, 100);
      await store.order(own.user.client, [
        [pen, 2],
        [pad, 1],
      ]);
      await store.order(own.user.client, [[pen, 4]]);
      const canceled = await store.order(own.user.client, [[pad, 5]]);
      await call(own.user.client, 'cancel_order', { id: canceled['id'] });
      const range = { from: utcDay(-1), to: utcDay(1) };

      const sales = structured(await call(own.admin.client, 'sales_report', range));

      expect(schemaBreach(outputOf('sales_report'), sales)).toBeUndefined();
      expect(sales['totals']).toEqual({ orders: 2, units: 7, revenue: 25 });
      for (const period of sales['items'] as { period: string }[]) expect(period.period >= range.from && period.period <= range.to).toBe(true);
      const top = structured(await call(own.admin.client, 'top_products', range));
      expect(schemaBreach(outputOf('top_products'), top)).toBeUndefined();
      expect(top['items']).toEqual([
        { product_id: pen, name: expect.any(String), units: 6, revenue: 15 },
        { product_id: pad, name: expect.any(String), units: 1, revenue: 10 },
      ]);
      const byUnits = structured(await call(own.admin.client, 'top_products', { ...range, sort: 'units', limit: 1 }));
      expect(byUnits['items']).toEqual([expect.objectContaining({ product_id: pen, units: 6 })]);
      const before = structured(await call(own.admin.client, 'sales_report', { from: '2020-01-01', to: '2020-12-31', interval: 'month' }));
      expect(before).toEqual({ items: [], totals: { orders: 0, units: 0, revenue: 0 } });
    } finally {
      await own.close();
    }
  }, 60_000);

  it('refuses the reports to a customer', async () => {
    for (const name of ['sales_report', 'top_products']) {
      const refused = await call(asUser, name, { from: utcDay(-7), to: utcDay() });
      expect(refused.isError).toBe(true);
      expect(problem(refused)).toMatchObject({ type: 'forbidden', detail: 'Your role (user) may not do this' });
    }
  });

  it('names a day the calendar lacks, an end before the start, and an unknown interval or sort', async () => {
    expect(badFields(await call(asAdmin, 'sales_report', { from: '2026-02-30', to: '2026-03-01' }))).toEqual(['from']);
    expect(badFields(await call(asAdmin, 'sales_report', { from: '2026-03-02', to: '2026-03-01' }))).toEqual(['to']);
    expect(badFields(await call(asAdmin, 'sales_report', { from: '2026-03-01', to: '2026-03-02', interval: 'hour' }))).toEqual(['interval']);
    expect(badFields(await call(asAdmin, 'top_products', { from: '2026-03-01', to: '2026-03-02', sort: 'price', limit: 101 }))).toEqual(['limit', 'sort']);
    expect(badFields(await call(asAdmin, 'top_products', {}))).toEqual(['from', 'to']);
  });
});
