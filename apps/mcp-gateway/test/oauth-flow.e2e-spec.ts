import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { systemActor, UsersService } from '@mercato/core';
import { LoopbackOAuthClient, type ServiceProcess, type TestApp } from '@mercato/testing';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, startOAuthPlatform, type OAuthPlatform } from './oauth-platform';

const PASSWORD = 'Agent1234';

let platform: OAuthPlatform;
let usersApi: ServiceProcess;
let gateway: TestApp;
let browser: Browser;

beforeAll(async () => {
  platform = await startOAuthPlatform();
  ({ usersApi, gateway, browser } = platform);
  await gateway.app
    .get(UsersService)
    .create(systemActor('test setup'), { email: 'agent-owner@example.com', username: 'agent-owner', password: PASSWORD }, 'admin');
}, 120_000);
afterAll(() => platform?.close());

const transportFor = (client: LoopbackOAuthClient) => new StreamableHTTPClientTransport(new URL(`${gateway.url}/mcp`), { authProvider: client });

/** What a person does in the browser the client opened: sign in, look at the consent page, and decide. */
async function approveInBrowser(client: LoopbackOAuthClient, decision: 'Allow' | 'Deny', screenshot?: string): Promise<URLSearchParams> {
  const page = await browser.newPage();
  try {
    const redirected = client.nextRedirect();
    await page.goto(String(client.authorizationUrl));
    await page.fill('#username', 'agent-owner');
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL(/\/oauth\/interaction\//), page.click('button[type=submit]')]);
    await page.getByRole('button', { name: 'Allow' }).waitFor();
    if (screenshot) await page.screenshot({ path: join(ARTIFACTS, screenshot), fullPage: true });
    await page.getByRole('button', { name: decision }).click();
    return await redirected;
  } finally {
    await page.close();
  }
}

describe('an MCP client with no token signs in by itself', () => {
  it('registers, sends its user through sign-in and consent, then lists and calls tools, and refreshes', async () => {
    const client = await LoopbackOAuthClient.start();
    try {
      await expect(new Client({ name: 'agent', version: '1' }).connect(transportFor(client))).rejects.toBeInstanceOf(UnauthorizedError);
      expect(client.clientInformation()?.client_id).toBeTruthy(); // registered dynamically
      const url = client.authorizationUrl as URL;
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(url.searchParams.get('resource')).toBe(`${gateway.url}/mcp`);

      const back = await approveInBrowser(client, 'Allow', 'oauth-consent.png');
      expect(back.get('iss')).toBe(usersApi.url);
      expect(back.get('state')).toBe(url.searchParams.get('state'));
      const transport = transportFor(client);
      await transport.finishAuth(back.get('code') as string);

      const agent = new Client({ name: 'agent', version: '1' });
      await agent.connect(transportFor(client));
      const { tools } = await agent.listTools();
      expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['whoami', 'search_products', 'create_product']));
      const me = await agent.callTool({ name: 'whoami', arguments: {} });
      expect(me.structuredContent).toMatchObject({ username: 'agent-owner', role: 'admin' });

      await agent.close();

      const first = client.tokens();
      const claims = JSON.parse(Buffer.from(String(first?.access_token).split('.')[1], 'base64url').toString()) as Record<string, unknown>;
      expect(claims).toMatchObject({ iss: usersApi.url, aud: `${gateway.url}/mcp`, client_id: client.clientInformation()?.client_id });
      expect(claims['jti']).toBeTruthy();

      // The refresh grant: a fresh access token from the rotated refresh token, and the old one is used up.
      const refreshed = await refresh(String(first?.refresh_token), String(client.clientInformation()?.client_id));
      expect(refreshed.status).toBe(200);
      const again = await refresh(String(first?.refresh_token), String(client.clientInformation()?.client_id));
      expect(again.status).toBe(400);
    } finally {
      await client.close();
    }
  });

  it('signs in a client identified by its metadata document, which it need not register', async () => {
    const client = await LoopbackOAuthClient.start({ documented: true });
    try {
      await expect(new Client({ name: 'agent', version: '1' }).connect(transportFor(client))).rejects.toBeInstanceOf(UnauthorizedError);
      expect((client.authorizationUrl as URL).searchParams.get('client_id')).toBe(client.documentUrl);
      const back = await approveInBrowser(client, 'Allow', 'oauth-consent-metadata-document.png');
      await transportFor(client).finishAuth(back.get('code') as string);
      const agent = new Client({ name: 'agent', version: '1' });
      await agent.connect(transportFor(client));
      expect((await agent.callTool({ name: 'whoami', arguments: {} })).structuredContent).toMatchObject({ username: 'agent-owner' });
      await agent.close();

      // The owner disconnects the app: its access token stops at the gateway at once, not when it expires.
      const live = String(client.tokens()?.access_token);
      expect((await whoami(live)).status).toBe(200);
      const disconnect = await fetch(`${usersApi.url}/api/v1/users/me/connections/${encodeURIComponent(client.documentUrl)}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${await restToken()}` },
      });
      expect(disconnect.status).toBe(204);
      expect((await whoami(live)).status).toBe(401);
    } finally {
      await client.close();
    }
  });

  it('sends access_denied back to the client when the user denies', async () => {
    const client = await LoopbackOAuthClient.start();
    try {
      await expect(new Client({ name: 'agent', version: '1' }).connect(transportFor(client))).rejects.toBeInstanceOf(UnauthorizedError);
      const back = await approveInBrowser(client, 'Deny');
      expect(back.get('error')).toBe('access_denied');
      expect(back.get('code')).toBeNull();
    } finally {
      await client.close();
    }
  });
});

async function refresh(refreshToken: string, clientId: string): Promise<Response> {
  return fetch(`${usersApi.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId }),
  });
}

async function restToken(): Promise<string> {
  const res = await fetch(`${usersApi.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'agent-owner', password: PASSWORD }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

/** One tools/call over plain HTTP with a bearer token: its status says whether the gateway took the token. */
function whoami(token: string): Promise<Response> {
  return fetch(`${gateway.url}/mcp`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-11-25',
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'whoami', arguments: {} } }),
  });
}
