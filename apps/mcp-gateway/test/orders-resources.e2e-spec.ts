import { randomUUID } from 'node:crypto';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { freshToken } from '@mercato/testing';
import { connectAs, gatewayWithAgents, newAgent, type Agent, type GatewayWithAgents } from './mcp-client';
import { shopThrough, type Shop } from './shop';

let setup: GatewayWithAgents;
let shop: Shop;
let asUser: Client;
let stranger: Agent;
/** The user's orders, oldest first. */
let mine: Record<string, unknown>[];

beforeAll(async () => {
  setup = await gatewayWithAgents();
  asUser = setup.user.client;
  shop = shopThrough(setup.admin.client);
  stranger = await newAgent(setup.gateway);
  const item = await shop.product(4.5, 20);
  mine = [await shop.order(asUser, [[item, 1]]), await shop.order(asUser, [[item, 2]])];
  await shop.order(stranger.client, [[item, 3]]);
}, 60_000);
afterAll(async () => {
  await stranger.client.close();
  await setup.close();
});

const orderUris = async (client: Client) =>
  (await client.listResources()).resources
    .filter((r) => r.uri.startsWith('orders://'))
    .map(({ uri, name, title, mimeType }) => ({ uri, name, title, mimeType }));
const read = async (client: Client, uri: string) =>
  JSON.parse(((await client.readResource({ uri })).contents[0] as { text: string }).text) as Record<string, unknown>;

describe('orders://{id}', () => {
  it('is offered as a template to every caller', async () => {
    const { resourceTemplates } = await asUser.listResourceTemplates();
    expect(resourceTemplates).toContainEqual(expect.objectContaining({ uriTemplate: 'orders://{id}', name: 'order', mimeType: 'application/json' }));
  });

  it('lists each caller’s own orders as resources, newest first, and no one else’s', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const [first, second] = mine;
    expect(await orderUris(asUser)).toEqual(
      [second, first].map((o) => ({
        uri: `orders://${String(o['id'])}`,
        name: o['id'],
        title: expect.stringMatching(new RegExp(`^Order of (${today}|\\d{4}-\\d{2}-\\d{2}), ${(o['totals'] as { total: number }).total} EUR$`)),
        mimeType: 'application/json',
      })),
    );
    expect(await orderUris(stranger.client)).toHaveLength(1);
    expect(await orderUris(setup.admin.client)).toEqual([]); // an admin's list holds its own orders, not the whole shop
  });

  it('reads an order for its owner, as get_order returns it', async () => {
    const [order] = mine;
    const uri = `orders://${String(order['id'])}`;
    const res = await asUser.readResource({ uri });
    expect(res.contents).toEqual([{ uri, mimeType: 'application/json', text: expect.any(String) }]);
    expect(await read(asUser, uri)).toEqual(order);
    expect(await read(setup.admin.client, uri)).toEqual(order);
  });

  it('answers another account’s order as not found, like an order that does not exist', async () => {
    const uri = `orders://${String(mine[0]['id'])}`;
    await expect(stranger.client.readResource({ uri })).rejects.toMatchObject({ code: ErrorCode.InvalidParams, message: expect.stringMatching(/Not found/) });
    await expect(stranger.client.readResource({ uri: `orders://${randomUUID()}` })).rejects.toThrow(/Not found/);
  });

  it('completes order ids from the caller’s own orders only', async () => {
    const ref = { type: 'ref/resource' as const, uri: 'orders://{id}' };
    const ids = mine.map((o) => String(o['id']));
    const all = await asUser.complete({ ref, argument: { name: 'id', value: '' } });
    expect([...all.completion.values].sort()).toEqual([...ids].sort());
    const one = await asUser.complete({ ref, argument: { name: 'id', value: ids[0].slice(0, 8) } });
    expect(one.completion.values).toEqual([ids[0]]);
    expect((await stranger.client.complete({ ref, argument: { name: 'id', value: ids[0].slice(0, 8) } })).completion.values).toEqual([]);
    expect((await asUser.complete({ ref, argument: { name: 'status', value: '' } })).completion.values).toEqual([]);
  });

  it('lists no orders to a guest or to a token without orders:read, and still lists the rest', async () => {
    const guest = await newAgent(setup.gateway, 'guest');
    const catalogOnly = await connectAs(setup.gateway.url, (await freshToken(setup.gateway, setup.user.me.id, { scope: 'catalog:read' })).token);
    const ordersReader = await connectAs(setup.gateway.url, (await freshToken(setup.gateway, setup.user.me.id, { scope: 'orders:read' })).token);
    try {
      for (const client of [guest.client, catalogOnly]) {
        const { resources } = await client.listResources();
        expect(resources.filter((r) => r.uri.startsWith('orders://'))).toEqual([]);
        expect(resources.some((r) => r.uri.startsWith('products://'))).toBe(true);
        expect((await client.complete({ ref: { type: 'ref/resource', uri: 'orders://{id}' }, argument: { name: 'id', value: '' } })).completion.values).toEqual(
          [],
        );
      }
      await expect(catalogOnly.readResource({ uri: `orders://${String(mine[0]['id'])}` })).rejects.toThrow(/orders:read/);
      expect(await orderUris(ordersReader)).toHaveLength(2);
    } finally {
      await Promise.all([guest.client.close(), catalogOnly.close(), ordersReader.close()]);
    }
  });

  it('refuses a malformed order URI as invalid params, never as an internal error', async () => {
    const uris = [
      'orders://42',
      'orders://not-a-uuid',
      'orders://%E0%A4%A',
      'orders://%00',
      'orders://%ED%A0%80',
      `orders://${'a'.repeat(10_000)}`,
      'orders://',
    ];
    for (const uri of uris) {
      const error = await asUser.readResource({ uri }).catch((e: unknown) => e);
      expect({ uri, error: error instanceof McpError ? error.code : error }).toEqual({ uri, error: ErrorCode.InvalidParams });
    }
    await expect(asUser.readResource({ uri: `orders://${String(mine[0]['id'])}/lines` })).rejects.toThrow(/Unknown resource/);
  });
});
