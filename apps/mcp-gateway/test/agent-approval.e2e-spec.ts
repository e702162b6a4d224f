import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ProductsRepository, slugOf, systemActor, UsersService } from '@mercato/core';
import { LoopbackOAuthClient, type ServiceProcess, type TestApp } from '@mercato/testing';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, startOAuthPlatform, type OAuthPlatform } from './oauth-platform';

// An agent signed in through OAuth buys for its user; above the user's limit (AGENT_CHECKOUT_LIMIT, 100.00) the
// user decides in the browser at the checkout's continue_url.
const PASSWORD = 'Shopper1234';

let platform: OAuthPlatform;
let usersApi: ServiceProcess;
let gateway: TestApp;
let browser: Browser;
let oauthClient: LoopbackOAuthClient;
let agent: Client;

beforeAll(async () => {
  platform = await startOAuthPlatform();
  ({ usersApi, gateway, browser } = platform);
  await gateway.app.get(UsersService).create(systemActor('test setup'), { email: 'shopper@example.com', username: 'shopper', password: PASSWORD }, 'user');
  agent = await signedInAgent();
}, 180_000);
afterAll(async () => {
  await agent?.close();
  await oauthClient?.close();
  await platform?.close();
});

/** The agent connects, is sent through sign-in and consent in the browser, and comes back with tokens. */
async function signedInAgent(): Promise<Client> {
  oauthClient = await LoopbackOAuthClient.start({ documented: true });
  const transport = () => new StreamableHTTPClientTransport(new URL(`${gateway.url}/mcp`), { authProvider: oauthClient });
  await expect(new Client({ name: 'shopping-agent', version: '1' }).connect(transport())).rejects.toBeInstanceOf(UnauthorizedError);
  const page = await browser.newPage();
  try {
    const redirected = oauthClient.nextRedirect();
    await page.goto(String(oauthClient.authorizationUrl));
    await signIn(page);
    await page.getByRole('button', { name: 'Allow' }).click();
    await transport().finishAuth((await redirected).get('code') as string);
  } finally {
    await page.close();
  }
  const client = new Client({ name: 'shopping-agent', version: '1' });
  await client.connect(transport());
  return client;
}

async function signIn(page: Awaited<ReturnType<Browser['newPage']>>): Promise<void> {
  await page.fill('#username', 'shopper');
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForLoadState(), page.click('button[type=submit]')]);
}

/** The person opens the link the agent passed on, signs in, looks at the purchase and decides. */
async function decideInBrowser(continueUrl: string, decision: 'Approve' | 'Decline', screenshot?: string): Promise<string> {
  const page = await browser.newPage();
  try {
    await page.goto(continueUrl);
    await signIn(page);
    await page.getByRole('button', { name: decision }).waitFor();
    const total = `${await page.locator('#app').innerText()}: ${await page.locator('#total').innerText()}`;
    if (screenshot) await page.screenshot({ path: join(ARTIFACTS, screenshot), fullPage: true });
    await Promise.all([page.waitForLoadState(), page.getByRole('button', { name: decision }).click()]);
    await page.getByRole('heading').first().waitFor();
    return `${total} | ${await page.getByRole('heading').first().innerText()}`;
  } finally {
    await page.close();
  }
}

async function product(price: number, stock: number) {
  const name = `Coffee grinder ${price}`;
  return gateway.app.get(ProductsRepository).insert({ name, description: null, price, stock, metadata: null }, slugOf(name));
}

type Structured = Record<string, unknown> & { id: string; status: string; continue_url?: string };
async function call(name: string, args: Record<string, unknown>): Promise<{ isError: boolean; content: Structured }> {
  const result = await agent.callTool({ name, arguments: args });
  return { isError: result.isError === true, content: result.structuredContent as Structured };
}

describe('an agent buying above its user’s limit', () => {
  it('buys at or below the limit at once', async () => {
    const p = await product(40, 10);
    const checkout = await call('create_checkout', { line_items: [{ product_id: p.id, quantity: 2 }], idempotency_key: 'small-1' });
    const order = await call('complete_checkout', { id: checkout.content.id, idempotency_key: 'small-2' });

    expect(order.content).toMatchObject({ status: 'confirmed', totals: { total: 80 } });
  });

  it('waits for the user, who approves in the browser; then the same call completes', async () => {
    const p = await product(149.9, 10);
    const checkout = await call('create_checkout', { line_items: [{ product_id: p.id, quantity: 1 }], idempotency_key: 'big-1' });

    const waiting = await call('complete_checkout', { id: checkout.content.id, idempotency_key: 'big-2' });
    expect(waiting).toMatchObject({ isError: false, content: { status: 'requires_escalation' } });
    expect(waiting.content.continue_url).toBe(`${usersApi.url}/approvals/checkouts/${checkout.content.id}`);

    const seen = await decideInBrowser(String(waiting.content.continue_url), 'Approve', 'purchase-approval.png');
    // the page names the app as the user consented to it: its metadata document's name and the host vouching for it
    expect(seen).toBe(`Mercato test agent (${new URL(oauthClient.documentUrl).host}): 149.90 EUR | Purchase approved`);

    const order = await call('complete_checkout', { id: checkout.content.id, idempotency_key: 'big-2' });
    expect(order.content).toMatchObject({ checkout_id: checkout.content.id, status: 'confirmed', totals: { total: 149.9 } });
  });

  it('is refused after the user declines, and the stock is released', async () => {
    const p = await product(500, 3);
    const checkout = await call('create_checkout', { line_items: [{ product_id: p.id, quantity: 1 }], idempotency_key: 'declined-1' });
    const waiting = await call('complete_checkout', { id: checkout.content.id, idempotency_key: 'declined-2' });

    expect(await decideInBrowser(String(waiting.content.continue_url), 'Decline')).toBe(
      `Mercato test agent (${new URL(oauthClient.documentUrl).host}): 500.00 EUR | Purchase declined`,
    );

    const refused = await agent.callTool({ name: 'complete_checkout', arguments: { id: checkout.content.id, idempotency_key: 'declined-3' } });
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toMatch(/canceled/);
    expect((await gateway.app.get(ProductsRepository).findById(p.id))?.stock).toBe(3);
  });
});
