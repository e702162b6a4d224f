import type { DEMO_ACCOUNTS } from './demo-data';

type Account = (typeof DEMO_ACCOUNTS)[number];

/**
 * A ready-to-paste MCP client entry (the `mcpServers` shape that Streamable HTTP clients such as Claude Code,
 * Cursor and VS Code read) for the demo user, with a fresh access token for the gateway (signed in naming its
 * `resource`; a token for the REST APIs would be refused there). The token expires like any other
 * (ACCESS_TOKEN_TTL_SECONDS), so the block says how to get a new one.
 */
export async function demoClientConfig(usersApi: string, mcp: { url: string; resource: string }, account: Account): Promise<string[]> {
  // A convenience printout: failing to make it must never stop a platform that is up.
  const res = await fetch(`${usersApi}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: account.username, password: account.password, resource: mcp.resource }),
  }).catch((error: unknown) => error as Error);
  if (res instanceof Error || !res.ok) {
    return [`(could not sign in as ${account.username} for a demo MCP config: ${res instanceof Error ? res.message : `HTTP ${res.status}`})`];
  }
  const { access_token: token, expires_in: ttl } = (await res.json()) as { access_token: string; expires_in: number };
  const config = { mcpServers: { mercato: { type: 'http', url: mcp.url, headers: { Authorization: `Bearer ${token}` } } } };
  return [
    `MCP client config for the ${account.role} "${account.username}" (token valid ${Math.round(ttl / 60)} min; sign in again for a new one):`,
    ...JSON.stringify(config, null, 2)
      .split('\n')
      .map((line) => `  ${line}`),
  ];
}
