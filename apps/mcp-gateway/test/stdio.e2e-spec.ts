import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { UsersRepository } from '@mercato/core';
import { actingUser, ROOT, startTestApp, testKeys, type TestApp } from '@mercato/testing';
import { McpGatewayModule } from '../src/mcp-gateway.module';

let gateway: TestApp;
beforeAll(async () => {
  gateway = await startTestApp(McpGatewayModule);
});
afterAll(() => gateway.close());

const STDIO = ['-r', join(ROOT, 'tools/register.cjs'), join(ROOT, 'apps/mcp-gateway/src/stdio.ts')];
const stdioEnv = (token: string) => ({
  PATH: process.env['PATH'] ?? '',
  DATABASE_URL: gateway.database.url,
  JWT_PUBLIC_KEY: testKeys().publicKey,
  MERCATO_TOKEN: token,
  LOG_LEVEL: 'warn',
});

async function stdioClient(token: string): Promise<Client> {
  const client = new Client({ name: 'desktop', version: '1.0.0' });
  const transport = new StdioClientTransport({ command: process.execPath, args: STDIO, cwd: ROOT, env: stdioEnv(token), stderr: 'pipe' });
  await client.connect(transport);
  return client;
}

it("serves a desktop client over stdio as the token's user, checking the token on every call", async () => {
  const u = await actingUser(gateway, 'user');
  const client = await stdioClient(u.token);
  try {
    const me = await client.callTool({ name: 'whoami', arguments: {} });
    expect(me.structuredContent).toMatchObject({ id: u.id, role: 'user' });
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain('create_product');
    expect(await gateway.app.get(UsersRepository).deactivateKeepingAnAdmin(u.id)).toBe('done');
    // Over stdio there is no HTTP status: the refusal arrives as a JSON-RPC error carrying the problem type.
    await expect(client.callTool({ name: 'whoami', arguments: {} })).rejects.toMatchObject({
      data: { type: 'unauthenticated' },
      message: expect.stringMatching(/no longer valid/),
    });
  } finally {
    await client.close();
  }
}, 30_000);

it('refuses to start on a token for the REST APIs: like /mcp, it takes only tokens for the gateway', async () => {
  const rest = await actingUser(gateway, 'user', { audience: 'mercato' });
  const outcome = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
    execFile(process.execPath, STDIO, { cwd: ROOT, env: stdioEnv(rest.token) }, (error, _out, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stderr }),
    ),
  );
  expect(outcome.code).toBe(1);
  expect(outcome.stderr).toContain('mcp:stdio could not start: The access token was issued for another service');
}, 30_000);
