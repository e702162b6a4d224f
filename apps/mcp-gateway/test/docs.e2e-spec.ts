import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actingUser, startTestApp, type TestApp } from '@mercato/testing';
import { renderMcpDocs } from '../src/docs/render-mcp-docs';
import { McpGatewayModule } from '../src/mcp-gateway.module';
import { connectAs } from './mcp-client';

let gateway: TestApp;
beforeAll(async () => {
  gateway = await startTestApp(McpGatewayModule);
});
afterAll(() => gateway.close());

it('docs/MCP_TOOLS.md matches what the gateway offers (regenerate with npm run docs:mcp)', async () => {
  const client = await connectAs(gateway.url, (await actingUser(gateway, 'admin')).token);
  try {
    const committed = readFileSync(join(__dirname, '../../../docs/MCP_TOOLS.md'), 'utf8');
    expect(await renderMcpDocs(client)).toBe(committed);
  } finally {
    await client.close();
  }
});
