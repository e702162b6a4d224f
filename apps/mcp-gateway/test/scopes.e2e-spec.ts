import { SCOPES } from '@mercato/core';
import { freshToken, type ActingUser, type TestApp } from '@mercato/testing';
import { connectAs, gatewayWithAgents, type GatewayWithAgents } from './mcp-client';
import { problem, structured } from './tool-results';

const PUBLIC_URL = 'http://mcp.test:3003';
const RESOURCE_METADATA = `resource_metadata="${PUBLIC_URL}/.well-known/oauth-protected-resource"`;

let setup: GatewayWithAgents;
let gateway: TestApp;
let admin: ActingUser;
beforeAll(async () => {
  setup = await gatewayWithAgents({ PUBLIC_URL });
  ({
    gateway,
    admin: { me: admin },
  } = setup);
});
afterAll(() => setup.close());

/** An MCP session for the test admin with a token narrowed to `scope`. */
async function adminWith(scope: string) {
  return connectAs(gateway.url, (await freshToken(gateway, admin.id, { scope })).token);
}

/** One JSON-RPC request over plain HTTP, to see the status and headers the SDK client turns into an error. */
function rpc(token: string, method: string, params: object) {
  return gateway.http
    .post('/mcp')
    .set('Authorization', `Bearer ${token}`)
    .set('accept', 'application/json, text/event-stream')
    .send({ jsonrpc: '2.0', id: 1, method, params });
}

describe('scopes at the MCP gateway', () => {
  it('publishes the scope vocabulary in its protected resource metadata', async () => {
    const res = await gateway.http.get('/.well-known/oauth-protected-resource').expect(200);
    expect(res.body.scopes_supported).toEqual(['users:read', 'users:write', 'catalog:read', 'catalog:write', 'orders:read', 'orders:write']);
  });

  it('lists an admin token narrowed to one scope only the tools both its role and that scope allow', async () => {
    const everyone = ['analyze_sentiment', 'get_product', 'search_products'];
    const expected: Record<string, string[]> = {
      'users:read': [...everyone, 'get_user', 'list_users', 'whoami'],
      'users:write': [...everyone, 'create_user', 'deactivate_user', 'set_user_role', 'update_user'],
      'catalog:read': [...everyone, 'list_low_stock'],
      'catalog:write': [...everyone, 'adjust_stock', 'create_product', 'deactivate_product', 'update_product'],
      'orders:read': [...everyone, 'get_checkout', 'get_order', 'list_orders', 'sales_report', 'top_products'],
      'orders:write': [...everyone, 'cancel_checkout', 'cancel_order', 'complete_checkout', 'create_checkout', 'update_checkout', 'update_order_status'],
    };
    for (const scope of SCOPES) {
      const client = await adminWith(scope);
      const names = (await client.listTools()).tools.map((t) => t.name).sort();
      expect({ scope, names }).toEqual({ scope, names: expected[scope].sort() });
      await client.close();
    }
    const full = (await setup.admin.client.listTools()).tools.map((t) => t.name);
    expect(full).toHaveLength(26);
  });

  it('narrows resources and prompts the same way', async () => {
    const catalogReader = await adminWith('catalog:read');
    const accountsReader = await adminWith('users:read');
    const fixed = async (client: typeof catalogReader) =>
      (await client.listResources()).resources.map((r) => r.uri).filter((uri) => !/^products:\/\/\d+$/.test(uri));
    expect(await fixed(catalogReader)).toEqual(['products://low-stock']);
    expect(await fixed(accountsReader)).toEqual(['users://stats']);
    expect((await catalogReader.listPrompts()).prompts.map((p) => p.name).sort()).toEqual(['product_description', 'restock_report']);
    expect((await accountsReader.listPrompts()).prompts.map((p) => p.name)).toEqual(['product_description']);
    await Promise.all([catalogReader.close(), accountsReader.close()]);
  });

  it('answers a tools/call outside the token’s scopes with HTTP 403 and a step-up challenge, and runs nothing', async () => {
    const { token } = await freshToken(gateway, admin.id, { scope: 'catalog:read' });
    const res = await rpc(token, 'tools/call', { name: 'create_product', arguments: { name: 'Stepped Up Lamp', price: 10 } }).expect(403);
    expect(res.headers['www-authenticate']).toBe(`Bearer error="insufficient_scope", scope="catalog:read catalog:write", ${RESOURCE_METADATA}`);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: '/problems/insufficient-scope', status: 403, scope: 'catalog:write', instance: '/mcp' });

    // The official SDK client surfaces the same refusal as an HTTP error, not a tool result.
    const client = await connectAs(gateway.url, token);
    await expect(client.callTool({ name: 'create_product', arguments: { name: 'Stepped Up Lamp', price: 10 } })).rejects.toMatchObject({ code: 403 });
    const found = structured(await client.callTool({ name: 'search_products', arguments: { search: 'Stepped Up Lamp' } }));
    expect(found['total']).toBe(0);
    await expect(client.callTool({ name: 'list_low_stock', arguments: {} })).resolves.not.toHaveProperty('isError', true);
    await client.close();
  });

  it('challenges whoami from a token without users:read, and answers a token with it', async () => {
    const { token } = await freshToken(gateway, admin.id, { scope: 'catalog:write' });
    const res = await rpc(token, 'tools/call', { name: 'whoami', arguments: {} }).expect(403);
    expect(res.headers['www-authenticate']).toBe(`Bearer error="insufficient_scope", scope="users:read catalog:write", ${RESOURCE_METADATA}`);
    const reader = await adminWith('users:read');
    expect(structured(await reader.callTool({ name: 'whoami', arguments: {} }))).toMatchObject({ id: admin.id, role: 'admin' });
    await reader.close();
  });

  it('challenges reading a fixed resource or getting a prompt outside the token’s scopes the same way', async () => {
    const { token } = await freshToken(gateway, admin.id, { scope: 'users:read' });
    const lowStock = await rpc(token, 'resources/read', { uri: 'products://low-stock' }).expect(403);
    const prompt = await rpc(token, 'prompts/get', { name: 'restock_report', arguments: {} }).expect(403);
    for (const res of [lowStock, prompt]) {
      expect({ challenge: res.headers['www-authenticate'], scope: res.body.scope }).toEqual({
        challenge: `Bearer error="insufficient_scope", scope="users:read catalog:read", ${RESOURCE_METADATA}`,
        scope: 'catalog:read',
      });
    }
    const client = await connectAs(gateway.url, token);
    await expect(client.readResource({ uri: 'users://stats' })).resolves.toMatchObject({ contents: [{ uri: 'users://stats' }] });
    await client.close();
  });

  it('leaves what the role refuses, and what names no permission, to the tool’s own result', async () => {
    const shopper = await freshToken(gateway, setup.user.me.id, { scope: 'catalog:write' });
    const asShopper = await connectAs(gateway.url, shopper.token);
    const refused = await asShopper.callTool({ name: 'create_product', arguments: { name: 'Not Mine', price: 1 } });
    expect(refused.isError).toBe(true);
    expect(problem(refused)).toMatchObject({ type: 'forbidden', detail: 'Your role (user) may not do this' });
    await asShopper.close();

    // search_products names no permission: the service refuses inactive products to an admin without catalog:read.
    const accountsOnly = await adminWith('users:read users:write');
    const inactive = await accountsOnly.callTool({ name: 'search_products', arguments: { is_active: false } });
    expect(inactive.isError).toBe(true);
    expect(problem(inactive)).toMatchObject({ type: 'insufficient-scope', scope: 'catalog:read' });
    await accountsOnly.close();
  });

  it('lets a shopper’s orders:read token look at its checkouts and orders, and challenges it to buy', async () => {
    const shopper = setup.user;
    const product = structured(await setup.admin.client.callTool({ name: 'create_product', arguments: { name: 'Scoped Mug', price: 6, stock: 3 } }));
    const line_items = [{ product_id: product['id'], quantity: 1 }];
    const checkout = structured(await shopper.client.callTool({ name: 'create_checkout', arguments: { idempotency_key: 'scoped-mug', line_items } }));
    const { token } = await freshToken(gateway, shopper.me.id, { scope: 'orders:read' });
    const reader = await connectAs(gateway.url, token);
    try {
      const names = (await reader.listTools()).tools.map((t) => t.name).sort();
      expect(names).toEqual(['analyze_sentiment', 'get_checkout', 'get_order', 'get_product', 'list_orders', 'search_products']);
      expect(structured(await reader.callTool({ name: 'get_checkout', arguments: { id: checkout['id'] } }))).toMatchObject({ status: 'ready_for_complete' });
      const res = await rpc(token, 'tools/call', { name: 'cancel_checkout', arguments: { id: checkout['id'] } }).expect(403);
      expect(res.headers['www-authenticate']).toBe(`Bearer error="insufficient_scope", scope="orders:read orders:write", ${RESOURCE_METADATA}`);
      expect(structured(await reader.callTool({ name: 'get_checkout', arguments: { id: checkout['id'] } }))).toMatchObject({ status: 'ready_for_complete' });
    } finally {
      await reader.close();
    }
  });

  it('keeps a token without a scope claim acting with the full role', async () => {
    const created = structured(await setup.admin.client.callTool({ name: 'create_product', arguments: { name: 'Full Role Lamp', price: 10 } }));
    expect(created).toMatchObject({ name: 'Full Role Lamp' });
    await expect(setup.admin.client.readResource({ uri: 'users://stats' })).resolves.toMatchObject({ contents: [{ uri: 'users://stats' }] });
  });
});
