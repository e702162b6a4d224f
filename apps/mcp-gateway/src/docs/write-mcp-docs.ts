// npm run docs:mcp — with the platform running (npm start), writes docs/MCP_TOOLS.md from the live gateway.
// MCP_URL (default http://localhost:3003/mcp) and MERCATO_TOKEN (an admin's access token for the gateway) choose
// the gateway and the caller; without a token it signs in as the demo admin at AUTH_URL (default
// http://localhost:3001), asking for a token for the resource the gateway's metadata names, as an MCP client does.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { renderMcpDocs } from './render-mcp-docs';

/** The resource the gateway names in its RFC 9728 metadata: the audience it accepts tokens for. */
async function gatewayResource(mcpUrl: string): Promise<string> {
  const res = await fetch(new URL('/.well-known/oauth-protected-resource', mcpUrl));
  if (!res.ok) throw new Error(`could not read the gateway's protected resource metadata at ${new URL(mcpUrl).origin} (${res.status})`);
  return ((await res.json()) as { resource: string }).resource;
}

async function demoAdminToken(authUrl: string, mcpUrl: string): Promise<string> {
  const res = await fetch(`${authUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Admin1234', resource: await gatewayResource(mcpUrl) }),
  });
  if (!res.ok) throw new Error(`could not sign in as the demo admin at ${authUrl} (${res.status}); set MERCATO_TOKEN`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function main(): Promise<void> {
  const url = process.env['MCP_URL'] ?? 'http://localhost:3003/mcp';
  const token = process.env['MERCATO_TOKEN'] ?? (await demoAdminToken(process.env['AUTH_URL'] ?? 'http://localhost:3001', url));
  const client = new Client({ name: 'mercato-docs', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  try {
    const file = join(__dirname, '../../../../docs/MCP_TOOLS.md');
    writeFileSync(file, await renderMcpDocs(client));
    process.stdout.write(`Wrote ${file}\n`);
  } finally {
    await client.close();
  }
}

main().catch((error: unknown) => {
  console.error(`docs:mcp failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
