import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { gatewayWithAgents, newAgent, type GatewayWithAgents } from './mcp-client';
import { badFields, problem, structured } from './tool-results';

let setup: GatewayWithAgents;
let asAdmin: Client;
let asUser: Client;

beforeAll(async () => {
  setup = await gatewayWithAgents();
  ({
    admin: { client: asAdmin },
    user: { client: asUser },
  } = setup);
});
afterAll(() => setup.close());

describe('product tools for running the catalog', () => {
  const create = async (name: string, stock: number) =>
    structured(await asAdmin.callTool({ name: 'create_product', arguments: { name, price: 15, stock } }))['id'] as number;

  it('renames a product with update_product, regenerating its slug and keeping the other fields', async () => {
    const id = await create('Desk Fan', 6);
    await asUser.callTool({ name: 'get_product', arguments: { slug: 'desk-fan' } }); // cached under the old slug
    const renamed = structured(await asAdmin.callTool({ name: 'update_product', arguments: { id, name: 'Quiet Desk Fan', price: 24.5 } }));
    expect(renamed).toMatchObject({ id, name: 'Quiet Desk Fan', slug: 'quiet-desk-fan', price: 24.5, stock: 6 });
    expect(structured(await asUser.callTool({ name: 'get_product', arguments: { slug: 'quiet-desk-fan' } }))).toMatchObject({ id, price: 24.5 });
    expect(problem(await asUser.callTool({ name: 'get_product', arguments: { slug: 'desk-fan' } }))).toMatchObject({ type: 'not-found' });
  });

  it('refuses a field update_product does not change, naming it, and changes nothing', async () => {
    const id = await create('Wall Clock', 2);
    const res = await asAdmin.callTool({ name: 'update_product', arguments: { id, price: 18, stock: 50 } });
    expect(res.isError).toBe(true);
    expect(problem(res)).toMatchObject({ type: 'validation-failed' });
    expect(badFields(res)).toEqual(['stock']);
    expect(structured(await asAdmin.callTool({ name: 'get_product', arguments: { id } }))).toMatchObject({ price: 15, stock: 2 });
  });

  it('hides a deactivated product from customers but not from admins', async () => {
    const id = await create('Retired Kettle', 3);
    expect(structured(await asAdmin.callTool({ name: 'deactivate_product', arguments: { id } }))).toEqual({ ok: true, id });
    const hidden = await asUser.callTool({ name: 'get_product', arguments: { id } });
    expect(hidden.isError).toBe(true);
    expect(problem(hidden)).toMatchObject({ type: 'not-found' });
    expect(structured(await asUser.callTool({ name: 'search_products', arguments: { search: 'retired kettle' } }))).toMatchObject({ total: 0 });
    expect(structured(await asAdmin.callTool({ name: 'get_product', arguments: { id } }))).toMatchObject({ id, name: 'Retired Kettle', is_active: false });
  });

  it('pages through low-stock products, lowest stock first, with the total', async () => {
    const lowStock = async (args: Record<string, unknown>) =>
      structured(await asAdmin.callTool({ name: 'list_low_stock', arguments: { threshold: 5, ...args } }));
    const before = (await lowStock({}))['total'] as number; // other tests' products may be low too
    const mine = [await create('Restock Four', 4), await create('Restock Zero', 0), await create('Restock Two', 2)];
    const enough = await create('Restock Five', 5);
    const seen: { id: number; stock: number }[] = [];
    for (let skip = 0; skip < before + 3; skip += 2) {
      const page = await lowStock({ skip, limit: 2 });
      expect(page).toMatchObject({ total: before + 3, skip, limit: 2, threshold: 5 });
      seen.push(...(page['items'] as { id: number; stock: number }[]));
    }
    expect(new Set(seen.map((p) => p.id)).size).toBe(before + 3);
    expect(seen.map((p) => p.stock)).toEqual(seen.map((p) => p.stock).sort((a, b) => a - b));
    expect(seen.filter((p) => mine.includes(p.id)).map((p) => p.stock)).toEqual([0, 2, 4]);
    expect(seen.map((p) => p.id)).not.toContain(enough);
  });

  it('caps list_low_stock pages at 100 and keeps it from plain users', async () => {
    const tooBig = await asAdmin.callTool({ name: 'list_low_stock', arguments: { limit: 101 } });
    expect(problem(tooBig)).toMatchObject({ type: 'validation-failed' });
    expect(badFields(tooBig)).toEqual(['limit']);
    expect(structured(await asAdmin.callTool({ name: 'list_low_stock', arguments: { limit: 100 } }))).toMatchObject({ limit: 100 });
    const refused = await asUser.callTool({ name: 'list_low_stock', arguments: {} });
    expect(refused.isError).toBe(true);
    expect(problem(refused)).toMatchObject({ type: 'forbidden' });
  });

  it('offers the low-stock tool, resource and prompt together to those who may read stock levels, and refuses a guest as REST does', async () => {
    const guest = await newAgent(setup.gateway, 'guest');
    try {
      for (const [who, client, offered] of [
        ['admin', asAdmin, true],
        ['user', asUser, false],
        ['guest', guest.client, false],
      ] as const) {
        const tools = (await client.listTools()).tools.map((t) => t.name);
        const resources = (await client.listResources()).resources.map((r) => r.uri);
        const prompts = (await client.listPrompts()).prompts.map((p) => p.name);
        expect({
          who,
          tool: tools.includes('list_low_stock'),
          resource: resources.includes('products://low-stock'),
          prompt: prompts.includes('restock_report'),
        }).toEqual({ who, tool: offered, resource: offered, prompt: offered });
      }
      const refused = await guest.client.callTool({ name: 'list_low_stock', arguments: {} });
      expect(problem(refused)).toMatchObject({ type: 'forbidden', detail: 'Your role (guest) may not do this' });
      await expect(guest.client.readResource({ uri: 'products://low-stock' })).rejects.toThrow(/may not do this/);
    } finally {
      await guest.client.close();
    }
  });
});
