import { benchToken } from './accounts';
import type { BenchSession } from './bench-session';
import { HOT_SET, nextHotId } from './products.scenarios';
import type { BenchTarget } from './target';

const callGetProduct = (id: number) => JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'get_product', arguments: { id } } });

/**
 * `tools/call get_product` through the gateway's stateless Streamable HTTP endpoint, over the same hot set as the
 * REST read by id: token check, argument validation against the DTO, the core service and the Redis-cached read,
 * per request. The bench raises the gateway's per-token rate limit (MCP_REQUESTS_PER_MINUTE), since one token would
 * otherwise reach it at once.
 */
export async function mcpScenarios(target: BenchTarget, bench: BenchSession): Promise<void> {
  const mcp = `${target.baseUrl('mcp-gateway')}/mcp`;
  const { token } = await benchToken(target, 'user', target.mcpResource);
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' };
  // A refusal is still HTTP 200 (an isError result), so check one call really returns the product.
  const probe = (await (
    await fetch(mcp, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: callGetProduct(HOT_SET[0]) })
  ).json()) as {
    result?: { isError?: boolean; structuredContent?: { id?: number } };
  };
  if (probe.result?.isError || probe.result?.structuredContent?.id !== HOT_SET[0]) throw new Error(`get_product did not answer: ${JSON.stringify(probe)}`);
  await bench.measure('mcp.get-product', {
    title: `MCP tools/call get_product, hot set of ${HOT_SET.length}`,
    url: mcp,
    method: 'POST',
    headers,
    body: callGetProduct(HOT_SET[0]),
    vary: () => ({ body: callGetProduct(nextHotId()) }),
    ...bench.load(),
  });
}
