import { benchToken } from './accounts';
import { runLoad, type LoadResult } from './autocannon-run';
import type { BenchTarget } from './target';
import type { BenchOptions } from './users.scenarios';

const PRODUCT_ID = 4242;

/**
 * `tools/call get_product` through the gateway's stateless Streamable HTTP endpoint: token check, argument
 * validation against the DTO, the core service and the Redis-cached read, per request. A gateway variant
 * with the per-token rate limit raised, since one token would otherwise hit MCP_REQUESTS_PER_MINUTE at once.
 */
export async function mcpScenarios(target: BenchTarget, { duration, connections }: BenchOptions): Promise<LoadResult[]> {
  const mcp = `${await target.startVariant('mcp-gateway', { MCP_REQUESTS_PER_MINUTE: '100000000' }, 3399)}/mcp`;
  const { token } = await benchToken(target, 'user', target.mcpResource);
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' };
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_product', arguments: { id: PRODUCT_ID } } });
  // A refusal is still HTTP 200 (an isError result), so check one call really returns the product.
  const probe = (await (await fetch(mcp, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body })).json()) as {
    result?: { isError?: boolean; structuredContent?: { id?: number } };
  };
  if (probe.result?.isError || probe.result?.structuredContent?.id !== PRODUCT_ID) throw new Error(`get_product did not answer: ${JSON.stringify(probe)}`);
  return [await runLoad({ title: 'MCP tools/call get_product', url: mcp, method: 'POST', headers, body, connections, duration })];
}
