import { AsyncLocalStorage } from 'node:async_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/**
 * A small pool of official-SDK MCP clients connected to one Streamable HTTP server, reused across requests
 * and closed on shutdown. Each call carries its own bearer token (the caller's), so one pooled session can
 * serve many users against a stateless server, and nothing is ever called with someone else's rights.
 */
export class McpClientPool {
  private readonly clients: Promise<Client>[] = [];
  private readonly token = new AsyncLocalStorage<string>();
  private next = 0;

  constructor(
    private readonly url: URL,
    private readonly size = 4,
    private readonly clientName = 'mercato-pool',
  ) {}

  callTool(token: string, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
    return this.token.run(token, async () => {
      const client = await this.acquire();
      return (await client.callTool({ name, arguments: args })) as CallToolResult;
    });
  }

  async close(): Promise<void> {
    const clients = this.clients.splice(0);
    await Promise.all(clients.map((c) => c.then((client) => client.close()).catch(() => undefined)));
  }

  private acquire(): Promise<Client> {
    const slot = this.next++ % this.size;
    this.clients[slot] ??= this.connect().catch((error: unknown) => {
      delete this.clients[slot]; // a failed connection is retried by the next call, not cached
      throw error;
    });
    return this.clients[slot];
  }

  private async connect(): Promise<Client> {
    const withToken: typeof fetch = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set('authorization', `Bearer ${this.token.getStore() ?? ''}`);
      return fetch(input, { ...init, headers });
    };
    const client = new Client({ name: this.clientName, version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(this.url, { fetch: withToken }));
    return client;
  }
}
