/** The services `npm start` runs; each later service adds a line here. */
export interface LaunchedApp {
  name: string;
  entry: string;
  /** Env var that overrides the port, and the default. */
  portEnv: string;
  port: number;
  /** Gets the signing key; every other service gets only the public key. */
  signsTokens?: boolean;
}

export const APPS: LaunchedApp[] = [
  { name: 'users-api', entry: 'apps/users-api/src/main.ts', portEnv: 'USERS_API_PORT', port: 3001, signsTokens: true },
  { name: 'products-api', entry: 'apps/products-api/src/main.ts', portEnv: 'PRODUCTS_API_PORT', port: 3002 },
  { name: 'mcp-gateway', entry: 'apps/mcp-gateway/src/main.ts', portEnv: 'MCP_GATEWAY_PORT', port: 3003 },
];

export function appNamed(name: string): LaunchedApp {
  const app = APPS.find((a) => a.name === name);
  if (!app) throw new Error(`no service named ${name}`);
  return app;
}
