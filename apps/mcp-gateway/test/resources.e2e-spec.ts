import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { actingUser, startTestApp, type ActingUser, type TestApp } from '@mercato/testing';
import { McpGatewayModule } from '../src/mcp-gateway.module';
import { connectAs } from './mcp-client';

let gateway: TestApp;
let admin: ActingUser;
let asAdmin: Client;
let asUser: Client;
let lampId: number;

beforeAll(async () => {
  gateway = await startTestApp(McpGatewayModule);
  admin = await actingUser(gateway, 'admin');
  asAdmin = await connectAs(gateway.url, admin.token);
  asUser = await connectAs(gateway.url, (await actingUser(gateway, 'user')).token);
  for (let i = 0; i < 60; i++) await asAdmin.callTool({ name: 'create_product', arguments: { name: `Stock Item ${i}`, price: 2, stock: i } });
  lampId = ((await asAdmin.callTool({ name: 'create_product', arguments: { name: 'Low Lamp', price: 9, stock: 1 } })).structuredContent as { id: number }).id;
});
afterAll(async () => {
  await asAdmin.close();
  await asUser.close();
  await gateway.close();
});

const text = (r: { contents: unknown[] }) => JSON.parse((r.contents[0] as { text: string }).text);

describe('resources', () => {
  it('lists what each caller may read, paging with cursors', async () => {
    const first = await asAdmin.listResources();
    expect(first.resources.slice(0, 2).map((r) => r.uri)).toEqual(['users://stats', 'products://low-stock']);
    expect(first.resources).toHaveLength(50);
    expect(first.nextCursor).toBeDefined();
    const second = await asAdmin.listResources({ cursor: first.nextCursor });
    expect(second.resources.length).toBe(63 - 50);
    expect(second.nextCursor).toBeUndefined();
    const userView = await asUser.listResources();
    expect(userView.resources.map((r) => r.uri)).not.toContain('users://stats');
    await expect(asAdmin.listResources({ cursor: 'not-a-cursor' })).rejects.toThrow(/cursor/i);
  });

  it("lists the product template and reads resources with the caller's permissions", async () => {
    const { resourceTemplates } = await asUser.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(['products://{id}', 'orders://{id}']);
    expect(text(await asUser.readResource({ uri: `products://${lampId}` }))).toMatchObject({ id: lampId, name: 'Low Lamp' });
    const stats = text(await asAdmin.readResource({ uri: 'users://stats' }));
    expect(stats).toMatchObject({ total: 2, active: 2, inactive: 0, by_role: { admin: 1, user: 1 } });
    const low = text(await asAdmin.readResource({ uri: 'products://low-stock' }));
    expect(low.items[0].stock).toBe(0);
    await expect(asUser.readResource({ uri: 'users://stats' })).rejects.toThrow(/Not allowed/);
    await expect(asUser.readResource({ uri: 'products://999999' })).rejects.toThrow(/Not found/);
    await expect(asUser.readResource({ uri: 'products://9999999999' })).rejects.toThrow(/id must not be greater than/);
    await expect(asUser.readResource({ uri: 'files:///etc/passwd' })).rejects.toThrow(/Unknown resource/);
  });
});

describe('prompts and completion', () => {
  it('offers prompts by role and fills them with live data', async () => {
    expect((await asAdmin.listPrompts()).prompts.map((p) => p.name).sort()).toEqual(['product_description', 'restock_report']);
    expect((await asUser.listPrompts()).prompts.map((p) => p.name)).toEqual(['product_description']);
    const restock = await asAdmin.getPrompt({ name: 'restock_report', arguments: { threshold: '3' } });
    const body = (restock.messages[0].content as { text: string }).text;
    expect(body).toContain('Low Lamp');
    expect(body).toContain('Stock Item 2');
    expect(body).not.toContain('Stock Item 3 ');
    const describe = await asUser.getPrompt({ name: 'product_description', arguments: { product_id: String(lampId) } });
    expect((describe.messages[0].content as { text: string }).text).toContain('"name":"Low Lamp"');
    await expect(asUser.getPrompt({ name: 'restock_report', arguments: {} })).rejects.toThrow(/Not allowed/);
    await expect(asUser.getPrompt({ name: 'product_description', arguments: { product_id: 'abc' } })).rejects.toThrow(/positive integer/);
  });

  it('completes product ids and thresholds', async () => {
    const ids = await asUser.complete({
      ref: { type: 'ref/prompt', name: 'product_description' },
      argument: { name: 'product_id', value: String(lampId).slice(0, 1) },
    });
    expect(ids.completion.values).toContain(String(lampId));
    const templ = await asUser.complete({ ref: { type: 'ref/resource', uri: 'products://{id}' }, argument: { name: 'id', value: String(lampId) } });
    expect(templ.completion.values).toEqual([String(lampId)]);
    const thresholds = await asAdmin.complete({ ref: { type: 'ref/prompt', name: 'restock_report' }, argument: { name: 'threshold', value: '1' } });
    expect(thresholds.completion.values).toEqual(['10', '100']);
  });

  it('accepts a logging level', async () => {
    await expect(asUser.setLoggingLevel('warning')).resolves.toBeDefined();
  });
});
