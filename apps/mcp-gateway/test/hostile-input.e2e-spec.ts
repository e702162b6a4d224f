import { randomUUID } from 'node:crypto';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import { HOSTILE_VALUES, storedRows, type HostileValue } from '@mercato/testing';
import { gatewayWithAgents, type GatewayWithAgents } from './mcp-client';
import { lineItems, shopThrough } from './shop';
import { problem, structured } from './tool-results';

let setup: GatewayWithAgents;
beforeAll(async () => {
  setup = await gatewayWithAgents({ MCP_REQUESTS_PER_MINUTE: '100000' }); // the probe makes thousands of calls
}, 60_000);
afterAll(() => setup.close());

/** The hostile values a JSON-RPC client can send: NaN is not JSON, and 1e309 would reach the server as null. */
const values = HOSTILE_VALUES.flatMap((value): [HostileValue, unknown][] => {
  try {
    const parsed: unknown = JSON.parse(value.json);
    return typeof parsed === 'number' && !Number.isFinite(parsed) ? [] : [[value, parsed]];
  } catch {
    return [];
  }
});

describe('hostile input on every MCP tool', () => {
  it('never fails internally, refuses text PostgreSQL cannot store, and leaves stored rows unchanged', async () => {
    const { admin, user, gateway } = setup;
    const product = structured(await admin.client.callTool({ name: 'create_product', arguments: { name: 'Probe Kettle', price: 30, stock: 4 } }));
    // the order tools get a product of their own: the probe deactivates the kettle
    const shop = shopThrough(admin.client);
    const sold = await shop.product(5, 1000);
    const lines = lineItems([[sold, 1]]);
    const checkout = async () => structured(await shop.checkout(admin.client, [[sold, 1]]))['id'];
    const [toChange, toComplete] = [await checkout(), await checkout()];
    const [toShip, toCancel] = [(await shop.order(admin.client, [[sold, 1]]))['id'], (await shop.order(admin.client, [[sold, 1]]))['id']];
    const today = new Date().toISOString().slice(0, 10);
    const valid: Record<string, Record<string, unknown>> = {
      whoami: {},
      analyze_sentiment: { text: 'A lovely kettle' },
      get_product: { id: product['id'] },
      search_products: { search: 'kettle' },
      list_low_stock: { threshold: 5 },
      create_product: { name: 'Probe Cup', price: 3, stock: 1, description: 'A cup', metadata: { colour: 'blue' } },
      update_product: { id: product['id'], description: 'Shiny' },
      adjust_stock: { id: product['id'], quantity: 1 },
      deactivate_product: { id: product['id'] },
      get_user: { id: user.me.id },
      list_users: { search: 'user' },
      create_user: { email: 'probe@example.com', username: 'probe', password: 'Passw0rd!probe' },
      update_user: { id: user.me.id, full_name: 'Probe' },
      set_user_role: { id: user.me.id, role: 'user' },
      deactivate_user: { id: user.me.id },
      create_checkout: { idempotency_key: randomUUID(), line_items: lines },
      get_checkout: { id: toChange },
      update_checkout: { id: toChange, line_items: lines },
      complete_checkout: { id: toComplete, idempotency_key: randomUUID() },
      cancel_checkout: { id: toChange },
      get_order: { id: toShip },
      list_orders: { status: 'confirmed', from: today },
      cancel_order: { id: toCancel },
      update_order_status: { id: toShip, status: 'shipped' },
      sales_report: { from: today, to: today },
      top_products: { from: today, to: today },
    };
    const tools = (await admin.client.listTools()).tools;
    expect(tools.map((t) => t.name).sort()).toEqual(Object.keys(valid).sort());

    const rows = await storedRows(gateway.database.url);
    const failures: string[] = [];
    try {
      let before = await rows.fingerprint();
      for (const tool of tools) {
        const fields = new Set([...Object.keys(tool.inputSchema.properties ?? {}), ...Object.keys(valid[tool.name] ?? {})]);
        for (const field of fields) {
          for (const [value, parsed] of values) {
            const what = `${tool.name} ${field} = ${value.label}`;
            const outcome = await call(tool.name, { ...valid[tool.name], [field]: parsed });
            const after = await rows.fingerprint();
            if (outcome === 'internal') failures.push(`${what}: internal error`);
            else if (value.unstorable && outcome !== 'invalid') failures.push(`${what}: unstorable text not refused as invalid (${outcome})`);
            else if (after !== before && !(outcome === 'ok' && value.benign)) failures.push(`${what}: stored rows changed (${outcome})`);
            before = after;
          }
        }
      }
    } finally {
      await rows.close();
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('names the argument a NUL byte hides in, deep inside metadata too', async () => {
    const res = await setup.admin.client.callTool({ name: 'create_product', arguments: { name: 'Cup', price: 1, metadata: { tags: ['ok', 'n\u0000'] } } });
    expect(res.isError).toBe(true);
    expect(problem(res)).toMatchObject({ type: 'validation-failed', errors: [expect.objectContaining({ field: 'metadata.tags.1' })] });
  });
});

/** `invalid`: refused as bad input (validation-failed, JSON-RPC invalid params, HTTP 400/413); `refused`: any other refusal. */
type Outcome = 'ok' | 'invalid' | 'refused' | 'internal';

async function call(name: string, args: Record<string, unknown>): Promise<Outcome> {
  try {
    const res = await setup.admin.client.callTool({ name, arguments: args });
    if (!res.isError) return 'ok';
    const type = problem(res)['type'];
    return type === 'internal-error' ? 'internal' : type === 'validation-failed' ? 'invalid' : 'refused';
  } catch (error) {
    // Arguments the SDK's own schema check refuses come back as JSON-RPC errors; only -32603 means we failed.
    if (error instanceof McpError && error.code === -32602) return 'invalid';
    if (error instanceof McpError && error.code !== -32603) return 'refused';
    // A body over the size limit or with prototype keys is refused by HTTP itself, before JSON-RPC.
    if (error instanceof StreamableHTTPError && (error.code === 400 || error.code === 413)) return 'invalid';
    if (error instanceof StreamableHTTPError && error.code !== undefined && error.code >= 400 && error.code < 500) return 'refused';
    return 'internal';
  }
}
