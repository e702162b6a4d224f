import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTestDatabase, freePort, type TestDatabase } from '@mercato/data';
import { launchBrowser, ROOT, startServiceProcess, startTestApp, testKeys, type ServiceProcess, type TestApp } from '@mercato/testing';
import type { Browser } from 'playwright-core';
import { McpGatewayModule } from '../src/mcp-gateway.module';

/** Where the pages' screenshots are kept for people to look at after a run. */
export const ARTIFACTS = join(ROOT, 'tmp', 'test-artifacts');

export interface OAuthPlatform {
  /** users-api in a process of its own: the authorization server, with its sign-in, consent and approval pages. */
  usersApi: ServiceProcess;
  /** The gateway, on users-api's database, accepting the tokens users-api issues for its resource. */
  gateway: TestApp;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * The platform as an MCP client meets it: the gateway naming users-api as its authorization server, both on one
 * database and one key pair, users-api reading local client metadata documents (the tests' clients listen on
 * loopback), and a Chromium for the person in the loop.
 */
export async function startOAuthPlatform(): Promise<OAuthPlatform> {
  // Undone in reverse, also when a later step fails, so a failed start leaves no process or database behind.
  const undo: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const step of undo.reverse()) await step();
  };
  try {
    const database: TestDatabase = await createTestDatabase();
    undo.push(() => database.drop());
    const keys = testKeys();
    const [usersPort, gatewayPort] = [await freePort(), await freePort()];
    const issuer = `http://127.0.0.1:${usersPort}`;
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    // One deployment: one signing key, one issuer, one Redis key prefix (an account change reaches every service).
    const shared = {
      JWT_PRIVATE_KEY: keys.privateKey,
      JWT_PUBLIC_KEY: keys.publicKey,
      JWT_ISSUER: issuer,
      REDIS_KEY_PREFIX: `mercato-test:oauth:${randomBytes(4).toString('hex')}:`,
    };
    const usersApi = await startServiceProcess('users-api', {
      database,
      port: usersPort,
      env: { ...shared, MCP_RESOURCE_URL: `${gatewayUrl}/mcp`, OAUTH_ALLOW_LOOPBACK_CLIENT_METADATA: 'true' },
    });
    undo.push(() => usersApi.stop());
    const gateway = await startTestApp(McpGatewayModule, {
      database,
      port: gatewayPort,
      env: { ...shared, PUBLIC_URL: gatewayUrl, AUTHORIZATION_SERVER_URL: issuer },
    });
    undo.push(() => gateway.close());
    const browser = await launchBrowser();
    undo.push(() => browser.close());
    mkdirSync(ARTIFACTS, { recursive: true });
    return { usersApi, gateway, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}
