import { randomUUID } from 'node:crypto';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { toolResultError } from '@mercato/mcp';
import { toProblem } from '@mercato/server';
import { newAgent, type GatewayWithAgents } from './mcp-client';
import { call, lineItems, type Shop, startShopGateway } from './shop';
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

describe('buying through a checkout', () => {
  it('reserves the stock of every line, shows the checkout, and answers a retry with the same key without reserving twice', async () => {
    const lamp = await shop.product(2.5, 10);
    const mug = await shop.product(4, 5);
    const key = randomUUID();

    const checkout = structured(
      await shop.checkout(
        asUser,
        [
          [mug, 2],
          [lamp, 1],
        ],
        key,
      ),
    );

    expect(schemaBreach(outputOf('create_checkout'), checkout)).toBeUndefined();
    expect(checkout).toMatchObject({
      status: 'ready_for_complete',
      currency: 'EUR',
      line_items: [
        { product_id: lamp, quantity: 1, unit_price: 2.5, total: 2.5 },
        { product_id: mug, quantity: 2, unit_price: 4, total: 8 },
      ],
      totals: { subtotal: 10.5, total: 10.5 },
      order_id: null,
    });
    expect(
      structured(
        await shop.checkout(
          asUser,
          [
            [mug, 2],
            [lamp, 1],
          ],
          key,
        ),
      ),
    ).toEqual(checkout);
    expect(structured(await call(asUser, 'get_checkout', { id: checkout['id'] }))).toEqual(checkout);
    expect([await shop.stockOf(lamp), await shop.stockOf(mug)]).toEqual([9, 3]);
  });

  it('replaces the lines with update_checkout, moving only the difference and keeping the prices it reserved', async () => {
    const kept = await shop.product(3, 10);
    const added = await shop.product(5, 4);
    const { id } = structured(await shop.checkout(asUser, [[kept, 2]]));
    await call(asAdmin, 'update_product', { id: kept, price: 99 });

    const changed = structured(
      await call(asUser, 'update_checkout', {
        id,
        line_items: lineItems([
          [kept, 5],
          [added, 1],
        ]),
      }),
    );

    expect(schemaBreach(outputOf('update_checkout'), changed)).toBeUndefined();
    expect(changed).toMatchObject({
      line_items: [
        { product_id: kept, quantity: 5, unit_price: 3 },
        { product_id: added, quantity: 1, unit_price: 5 },
      ],
      totals: { total: 20 },
    });
    expect(
      structured(
        await call(asUser, 'update_checkout', {
          id,
          line_items: lineItems([
            [kept, 5],
            [added, 1],
          ]),
        }),
      ),
    ).toEqual(changed);
    expect([await shop.stockOf(kept), await shop.stockOf(added)]).toEqual([5, 3]);

    await call(asUser, 'update_checkout', { id, line_items: lineItems([[added, 4]]) });
    expect([await shop.stockOf(kept), await shop.stockOf(added)]).toEqual([10, 0]);
    const short = await call(asUser, 'update_checkout', { id, line_items: lineItems([[added, 5]]) });
    expect(problem(short)).toMatchObject({ type: 'insufficient-stock', items: [{ product_id: added, requested: 5, available: 4 }] });
    expect(await shop.stockOf(added)).toBe(0);
  });

  it('completes a checkout into one order per key: the same key returns that order, a new key is refused', async () => {
    const kettle = await shop.product(7.25, 3);
    const { id } = structured(await shop.checkout(asUser, [[kettle, 2]]));
    const key = randomUUID();

    const order = structured(await call(asUser, 'complete_checkout', { id, idempotency_key: key }));

    expect(schemaBreach(outputOf('complete_checkout'), order)).toBeUndefined();
    expect(order).toMatchObject({
      checkout_id: id,
      user_id: setup.user.me.id,
      status: 'confirmed',
      line_items: [{ product_id: kettle, quantity: 2, unit_price: 7.25, total: 14.5 }],
      totals: { subtotal: 14.5, total: 14.5 },
    });
    expect(structured(await call(asUser, 'complete_checkout', { id, idempotency_key: key }))).toEqual(order);
    const again = await call(asUser, 'complete_checkout', { id, idempotency_key: randomUUID() });
    expect(again.isError).toBe(true);
    expect(problem(again)).toMatchObject({ type: 'conflict', detail: expect.stringMatching(/is completed/) });
    expect(structured(await call(asUser, 'get_checkout', { id }))).toMatchObject({ status: 'completed', order_id: order['id'] });
    expect(structured(await call(asUser, 'get_order', { id: order['id'] }))).toEqual(order);
    expect(await shop.stockOf(kettle)).toBe(1);
  });

  it('refuses a checkout with short lines as a tool error naming every short line, reserves nothing, and frees the key', async () => {
    const plenty = await shop.product(5, 4);
    const few = await shop.product(5, 1);
    const none = await shop.product(5, 0);
    const key = randomUUID();
    const lines: [number, number][] = [
      [plenty, 2],
      [few, 2],
      [none, 1],
    ];

    const res = await shop.checkout(asUser, lines, key);

    expect(res.isError).toBe(true);
    expect(res.structuredContent).toBeUndefined(); // a refusal never claims to be the success schema
    const items = [
      { product_id: few, requested: 2, available: 1 },
      { product_id: none, requested: 1, available: 0 },
    ];
    expect(problem(res)).toEqual({ type: 'insufficient-stock', title: 'Not enough stock', detail: expect.stringMatching(/nothing was reserved/), items });
    // what a REST route running this tool would answer
    expect(toProblem(toolResultError(res as CallToolResult, 'req-1'), 'req-1').problem).toMatchObject({
      type: '/problems/insufficient-stock',
      status: 409,
      items,
    });
    expect([await shop.stockOf(plenty), await shop.stockOf(few), await shop.stockOf(none)]).toEqual([4, 1, 0]);

    await call(asAdmin, 'adjust_stock', { id: few, quantity: 1 });
    await call(asAdmin, 'adjust_stock', { id: none, quantity: 1 });
    expect(structured(await shop.checkout(asUser, lines, key))).toMatchObject({ status: 'ready_for_complete' });
  });

  it('refuses a key already used for other lines', async () => {
    const cup = await shop.product(1, 5);
    const key = randomUUID();
    await shop.checkout(asUser, [[cup, 1]], key);
    expect(problem(await shop.checkout(asUser, [[cup, 2]], key))).toMatchObject({ type: 'unprocessable' });
    expect(await shop.stockOf(cup)).toBe(4);
  });

  it('cancels a checkout, giving its stock back once; a canceled checkout can be neither changed nor completed', async () => {
    const vase = await shop.product(12, 6);
    const { id } = structured(await shop.checkout(asUser, [[vase, 4]]));

    const canceled = structured(await call(asUser, 'cancel_checkout', { id }));

    expect(schemaBreach(outputOf('cancel_checkout'), canceled)).toBeUndefined();
    expect(canceled).toMatchObject({ id, status: 'canceled' });
    expect(await shop.stockOf(vase)).toBe(6);
    expect(structured(await call(asUser, 'cancel_checkout', { id }))).toMatchObject({ status: 'canceled' });
    expect(problem(await call(asUser, 'update_checkout', { id, line_items: lineItems([[vase, 1]]) }))).toMatchObject({ type: 'conflict' });
    expect(problem(await call(asUser, 'complete_checkout', { id, idempotency_key: randomUUID() }))).toMatchObject({ type: 'conflict' });
    expect(await shop.stockOf(vase)).toBe(6);
  });
});

describe('hostile arguments to the checkout tools', () => {
  it('refuses text PostgreSQL cannot store, numbers past the limits and more than 50 lines, naming the argument and reserving nothing', async () => {
    const item = await shop.product(1, 1000);
    const line = lineItems([[item, 1]]);
    const cases: [args: Record<string, unknown>, field: RegExp][] = [
      [{ idempotency_key: 'key\u0000', line_items: line }, /^idempotency_key$/],
      [{ idempotency_key: 'key\ud800', line_items: line }, /^idempotency_key$/],
      [{ idempotency_key: 'k'.repeat(256), line_items: line }, /^idempotency_key$/],
      [{ idempotency_key: randomUUID(), line_items: [{ product_id: 1e21, quantity: 1 }] }, /^line_items\.0\.product_id$/],
      [{ idempotency_key: randomUUID(), line_items: [{ product_id: item, quantity: 2 ** 53 + 1 }] }, /^line_items\.0\.quantity$/],
      [{ idempotency_key: randomUUID(), line_items: [{ product_id: item, quantity: 1001 }] }, /^line_items\.0\.quantity$/],
      [{ idempotency_key: randomUUID(), line_items: [{ product_id: item, quantity: -1 }] }, /^line_items\.0\.quantity$/],
      [{ idempotency_key: randomUUID(), line_items: Array.from({ length: 51 }, (_, i) => ({ product_id: i + 1, quantity: 1 })) }, /^line_items$/],
      [{ idempotency_key: randomUUID(), line_items: [...line, ...line] }, /^line_items$/],
      [{ idempotency_key: randomUUID(), line_items: [] }, /^line_items$/],
    ];
    for (const [args, field] of cases) {
      const res = await call(asUser, 'create_checkout', args);
      expect({ args, type: problem(res)['type'], fields: badFields(res) }).toEqual({ args, type: 'validation-failed', fields: [expect.stringMatching(field)] });
    }
    expect(await shop.stockOf(item)).toBe(1000);
  });

  it('refuses an id that is not a UUID as invalid on every checkout and order tool', async () => {
    const ids = ['42', 'not-a-uuid', "' OR 1=1 --", `${randomUUID()}\u0000`, `${randomUUID().slice(0, 35)}\udc00`];
    const tools: [name: string, extra: Record<string, unknown>][] = [
      ['get_checkout', {}],
      ['update_checkout', { line_items: lineItems([[1, 1]]) }],
      ['complete_checkout', { idempotency_key: randomUUID() }],
      ['cancel_checkout', {}],
      ['get_order', {}],
      ['cancel_order', {}],
    ];
    for (const [name, extra] of tools) {
      for (const id of ids) {
        const res = await call(asUser, name, { id, ...extra });
        expect({ name, id, type: problem(res)['type'], fields: badFields(res) }).toEqual({ name, id, type: 'validation-failed', fields: ['id'] });
      }
    }
  });
});

describe('whose checkouts and orders', () => {
  it("answers another account's checkout or order as not found, as for one that does not exist, and leaves it as it was", async () => {
    const clock = await shop.product(30, 5);
    const { id: checkoutId } = structured(await shop.checkout(asUser, [[clock, 1]]));
    const { id: orderId } = await shop.order(asUser, [[clock, 1]]);
    const stranger = await newAgent(setup.gateway);
    try {
      const attempts: [string, Record<string, unknown>][] = [
        ['get_checkout', { id: checkoutId }],
        ['update_checkout', { id: checkoutId, line_items: lineItems([[clock, 3]]) }],
        ['complete_checkout', { id: checkoutId, idempotency_key: randomUUID() }],
        ['cancel_checkout', { id: checkoutId }],
        ['get_order', { id: orderId }],
        ['cancel_order', { id: orderId }],
      ];
      for (const [name, args] of attempts) {
        const res = await call(stranger.client, name, args);
        expect({ name, problem: problem(res) }).toEqual({
          name,
          problem: { type: 'not-found', title: 'Not found', detail: `${name.endsWith('order') ? 'Order' : 'Checkout'} ${String(args['id'])} does not exist` },
        });
      }
      const unknown = problem(await call(stranger.client, 'get_order', { id: randomUUID() }));
      expect(unknown).toMatchObject({ type: 'not-found', title: 'Not found' });
      expect(structured(await call(stranger.client, 'list_orders', {}))).toMatchObject({ items: [], total: 0 });
      expect(structured(await call(asUser, 'get_checkout', { id: checkoutId }))).toMatchObject({ status: 'ready_for_complete', line_items: [{ quantity: 1 }] });
      expect(structured(await call(asUser, 'get_order', { id: orderId }))).toMatchObject({ status: 'confirmed' });
      expect(await shop.stockOf(clock)).toBe(3);
    } finally {
      await stranger.client.close();
    }
  });

  it('lets a guest neither buy nor list orders', async () => {
    const guest = await newAgent(setup.gateway, 'guest');
    try {
      const item = await shop.product(1, 1);
      expect(problem(await shop.checkout(guest.client, [[item, 1]]))).toMatchObject({ type: 'forbidden' });
      expect(problem(await call(guest.client, 'list_orders', {}))).toMatchObject({ type: 'forbidden' });
      expect(await shop.stockOf(item)).toBe(1);
    } finally {
      await guest.client.close();
    }
  });
});
