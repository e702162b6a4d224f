import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { sampleOf, type ActingUser, type TestApp } from '@mercato/testing';
import { gatewayWithAgents, newAgent, type GatewayWithAgents } from './mcp-client';
import { problem, structured } from './tool-results';

let setup: GatewayWithAgents;
let gateway: TestApp;
let admin: ActingUser;
let user: ActingUser;
let asAdmin: Client;
let asUser: Client;

beforeAll(async () => {
  setup = await gatewayWithAgents();
  ({
    gateway,
    admin: { me: admin, client: asAdmin },
    user: { me: user, client: asUser },
  } = setup);
});
afterAll(() => setup.close());

describe('tools/list', () => {
  it('shows each caller only the tools its role may use, each with schemas and annotations', async () => {
    const buying = ['cancel_checkout', 'cancel_order', 'complete_checkout', 'create_checkout', 'get_checkout', 'get_order', 'list_orders', 'update_checkout'];
    const adminTools = (await asAdmin.listTools()).tools;
    const userTools = (await asUser.listTools()).tools.map((t) => t.name).sort();
    expect(adminTools.map((t) => t.name).sort()).toEqual(
      [
        ...buying,
        'sales_report',
        'top_products',
        'update_order_status',
        'adjust_stock',
        'analyze_sentiment',
        'create_product',
        'create_user',
        'deactivate_product',
        'deactivate_user',
        'get_product',
        'get_user',
        'list_low_stock',
        'list_users',
        'search_products',
        'set_user_role',
        'update_product',
        'update_user',
        'whoami',
      ].sort(),
    );
    expect(userTools).toEqual([...buying, 'analyze_sentiment', 'get_product', 'get_user', 'search_products', 'update_user', 'whoami'].sort());
    for (const t of adminTools) {
      expect(t.title).toBeTruthy();
      expect(t.description?.length).toBeGreaterThan(40);
      expect(t.inputSchema.type).toBe('object');
      expect(t.outputSchema?.type).toBe('object');
      expect(typeof t.annotations?.readOnlyHint).toBe('boolean');
    }
    const adjust = adminTools.find((t) => t.name === 'adjust_stock');
    expect(adjust?.inputSchema).toMatchObject({
      properties: { id: { type: 'integer' }, quantity: { type: 'integer' } },
      required: expect.arrayContaining(['id', 'quantity']),
    });
    expect(adjust?.annotations).toMatchObject({ readOnlyHint: false, idempotentHint: false });
  });

  it('shows a guest exactly the tools its read-only role may use, and each of them works for it', async () => {
    const { me, client } = await newAgent(gateway, 'guest');
    try {
      const names = (await client.listTools()).tools.map((t) => t.name).sort();
      expect(names).toEqual(['analyze_sentiment', 'get_product', 'get_user', 'search_products', 'whoami']);
      const { id } = structured(await asAdmin.callTool({ name: 'create_product', arguments: { name: 'Guest Teapot', price: 12, stock: 2 } }));
      const calls: Record<string, Record<string, unknown>> = {
        analyze_sentiment: { text: 'Lovely teapot' },
        get_product: { id },
        get_user: { id: me.id },
        search_products: { search: 'guest teapot' },
        whoami: {},
      };
      for (const name of names) expect(await client.callTool({ name, arguments: calls[name] })).not.toHaveProperty('isError', true);
    } finally {
      await client.close();
    }
  });
});

describe('tools/call', () => {
  it('runs product tools end to end with structured results and a text copy', async () => {
    const created = await asAdmin.callTool({ name: 'create_product', arguments: { name: 'Agent Lamp', price: 19.99, stock: 3 } });
    const p = structured(created);
    expect(p).toMatchObject({ name: 'Agent Lamp', slug: 'agent-lamp', stock: 3 });
    expect(JSON.parse((created.content as { text: string }[])[0].text)).toEqual(p);
    const adjusted = structured(await asAdmin.callTool({ name: 'adjust_stock', arguments: { id: p['id'], quantity: -2 } }));
    expect(adjusted['stock']).toBe(1);
    expect(structured(await asUser.callTool({ name: 'get_product', arguments: { slug: 'agent-lamp' } }))['stock']).toBe(1);
    const found = structured(await asUser.callTool({ name: 'search_products', arguments: { search: 'agent', limit: 5 } }));
    expect(found).toMatchObject({ total: 1, limit: 5, skip: 0 });
  });

  it('returns domain refusals as tool errors the model can read, not transport failures', async () => {
    const p = structured(await asAdmin.callTool({ name: 'create_product', arguments: { name: 'Scarce', price: 5, stock: 1 } }));
    const tooMany = await asAdmin.callTool({ name: 'adjust_stock', arguments: { id: p['id'], quantity: -5 } });
    expect(tooMany.isError).toBe(true);
    expect(problem(tooMany)).toMatchObject({ type: 'insufficient-stock', stock: 1, detail: expect.any(String) });
    const forbidden = await asUser.callTool({ name: 'create_product', arguments: { name: 'Nope', price: 1 } });
    expect(forbidden.isError).toBe(true);
    expect(problem(forbidden)).toMatchObject({ type: 'forbidden' });
    const missing = await asUser.callTool({ name: 'get_product', arguments: { id: 999999 } });
    expect(problem(missing)).toMatchObject({ type: 'not-found' });
  });

  it('names each malformed argument and the rule it broke', async () => {
    const res = await asAdmin.callTool({ name: 'create_product', arguments: { name: '', price: -1, colour: 'red' } });
    expect(res.isError).toBe(true);
    const { type, errors } = problem(res) as { type: string; errors: { field: string; rule: string }[] };
    expect(type).toBe('validation-failed');
    expect(errors.map((e) => e.field).sort()).toEqual(['colour', 'name', 'price']);
    expect(errors.every((e) => e.rule)).toBe(true);
  });

  it('never lets a list call go unbounded', async () => {
    for (const limit of [null, 0, 101, 100000]) {
      const res = await asUser.callTool({ name: 'search_products', arguments: { limit } });
      expect(res.isError).toBe(true);
      expect(problem(res)).toMatchObject({ type: 'validation-failed', errors: [expect.objectContaining({ field: 'limit' })] });
    }
  });

  it('analyzes sentiment locally in English and Spanish', async () => {
    const en = structured(await asUser.callTool({ name: 'analyze_sentiment', arguments: { text: 'I love this lamp, it is great' } }));
    expect(en).toMatchObject({ sentiment: 'positive', language: 'en' });
    const es = structured(await asUser.callTool({ name: 'analyze_sentiment', arguments: { text: 'Llegó roto, una decepción', language: 'es' } }));
    expect(es).toMatchObject({ sentiment: 'negative', language: 'es' });
    const bad = await asUser.callTool({ name: 'analyze_sentiment', arguments: { text: '', language: 'fr' } });
    expect(problem(bad).errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'text' }), expect.objectContaining({ field: 'language' })]));
  });

  it('answers an unknown tool with a JSON-RPC error', async () => {
    await expect(asAdmin.callTool({ name: 'drop_database', arguments: {} })).rejects.toThrow(/Unknown tool/);
  });

  it('runs user tools with the same rules as REST', async () => {
    expect(structured(await asUser.callTool({ name: 'whoami', arguments: {} }))).toMatchObject({ id: user.id, role: 'user' });
    expect((await asUser.callTool({ name: 'get_user', arguments: { id: admin.id } })).isError).toBe(true);
    const created = structured(
      await asAdmin.callTool({ name: 'create_user', arguments: { email: 'agent@example.com', username: 'agent-made', password: 'Agent1234', role: 'guest' } }),
    );
    expect(created).toMatchObject({ username: 'agent-made', role: 'guest' });
    expect(JSON.stringify(created)).not.toMatch(/hash|argon/);
    const promoted = structured(await asAdmin.callTool({ name: 'set_user_role', arguments: { id: created['id'], role: 'user' } }));
    expect(promoted['role']).toBe('user');
    const page = structured(await asAdmin.callTool({ name: 'list_users', arguments: { search: 'agent-made' } }));
    expect(page).toMatchObject({ total: 1 });
    expect(structured(await asAdmin.callTool({ name: 'deactivate_user', arguments: { id: created['id'] } }))).toEqual({ ok: true, id: created['id'] });
    const listed = await asUser.callTool({ name: 'list_users', arguments: {} });
    expect(problem(listed)).toMatchObject({ type: 'forbidden' });
  });
});

describe('tool call metrics', () => {
  it('counts every call by tool and outcome for Prometheus', async () => {
    const calls = async () => (await gateway.http.get('/metrics').expect(200)).text;
    const count = (text: string, tool: string, outcome: string) => sampleOf(text, 'mcp_tool_calls_total', { tool, outcome }) ?? 0;
    const before = await calls();
    await asUser.callTool({ name: 'whoami', arguments: {} });
    await asUser.callTool({ name: 'list_users', arguments: {} });
    const after = await calls();
    expect(count(after, 'whoami', 'ok') - count(before, 'whoami', 'ok')).toBe(1);
    expect(count(after, 'list_users', 'forbidden') - count(before, 'list_users', 'forbidden')).toBe(1);
    expect(sampleOf(after, 'mcp_tool_call_duration_seconds_count', { tool: 'whoami' })).toBeGreaterThanOrEqual(1);
  });
});
