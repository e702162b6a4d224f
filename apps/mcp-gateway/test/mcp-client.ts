import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Role } from '@mercato/core';
import { actingUser, startTestApp, type ActingUser, type TestApp } from '@mercato/testing';
import { McpGatewayModule } from '../src/mcp-gateway.module';

/** The official SDK client over real HTTP, carrying a bearer token like any agent would. */
export async function connectAs(baseUrl: string, token: string): Promise<Client> {
  const client = new Client({ name: 'mercato-tests', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  return client;
}

/** An account and an MCP session acting for it. */
export interface Agent {
  me: ActingUser;
  client: Client;
}

/** A fresh account of `role`, so a test can change it without touching anyone else's. */
export async function newAgent(gateway: TestApp, role: Role = 'user'): Promise<Agent> {
  const me = await actingUser(gateway, role);
  return { me, client: await connectAs(gateway.url, me.token) };
}

export interface GatewayWithAgents {
  gateway: TestApp;
  admin: Agent;
  user: Agent;
  close(): Promise<void>;
}

/** A gateway on a database of its own, with an admin and a plain user already connected. */
export async function gatewayWithAgents(env: Record<string, string> = {}): Promise<GatewayWithAgents> {
  const gateway = await startTestApp(McpGatewayModule, { env });
  const [admin, user] = [await newAgent(gateway, 'admin'), await newAgent(gateway, 'user')];
  return {
    gateway,
    admin,
    user,
    close: async () => {
      await Promise.all([admin.client.close(), user.client.close()]);
      await gateway.close();
    },
  };
}
