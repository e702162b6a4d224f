// eslint-disable-next-line @nx/enforce-module-boundaries -- the launcher and the deployment checks read each app's real config class
import { UsersApiConfig } from '../../apps/users-api/src/users-api.config';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
import { ProductsApiConfig } from '../../apps/products-api/src/products-api.config';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
import { McpGatewayConfig } from '../../apps/mcp-gateway/src/mcp-gateway.config';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
import { OrdersApiConfig } from '../../apps/orders-api/src/orders-api.config';
import { OrdersConfig } from '@mercato/orders';

type ConfigClass = new () => object;

/**
 * The services of the platform, in the one list `npm start`, the deployment checks (tools/deploy) and the drills
 * read: a new service is an entry here (and its deployment files, which those checks then hold to it).
 */
export interface LaunchedApp {
  name: string;
  entry: string;
  /** Env var that overrides the port, and the default. */
  portEnv: string;
  port: number;
  /** The class that validates the service's own environment (server, token and app settings). */
  config: ConfigClass;
  /**
   * The settings of the contexts the service runs, read from the environment beside `config` (e.g. OrdersConfig).
   * With `config`, every variable a deployment may set.
   */
  contextConfigs?: ConfigClass[];
  /** The public path prefixes the ingress and the reverse proxy hand to this service. */
  routes: string[];
  /** Gets the signing key; every other service gets only the public key. */
  signsTokens?: boolean;
}

export const APPS: LaunchedApp[] = [
  {
    name: 'users-api',
    entry: 'apps/users-api/src/main.ts',
    portEnv: 'USERS_API_PORT',
    port: 3001,
    config: UsersApiConfig,
    routes: [
      '/api/v1/auth',
      '/api/v1/users',
      '/.well-known/jwks.json',
      '/oauth',
      '/.well-known/oauth-authorization-server',
      '/.well-known/openid-configuration',
      '/approvals',
    ],
    signsTokens: true,
  },
  {
    name: 'products-api',
    entry: 'apps/products-api/src/main.ts',
    portEnv: 'PRODUCTS_API_PORT',
    port: 3002,
    config: ProductsApiConfig,
    routes: ['/api/v1/products'],
  },
  {
    name: 'mcp-gateway',
    entry: 'apps/mcp-gateway/src/main.ts',
    portEnv: 'MCP_GATEWAY_PORT',
    port: 3003,
    config: McpGatewayConfig,
    // The gateway's order tools start and complete checkouts, priced and held as orders-api's are.
    contextConfigs: [OrdersConfig],
    routes: ['/mcp', '/api/v1/ai', '/.well-known/oauth-protected-resource'],
  },
  {
    name: 'orders-api',
    entry: 'apps/orders-api/src/main.ts',
    portEnv: 'ORDERS_API_PORT',
    port: 3004,
    config: OrdersApiConfig,
    contextConfigs: [OrdersConfig],
    routes: ['/api/v1/checkouts', '/api/v1/orders', '/api/v1/analytics'],
  },
];

export function appNamed(name: string): LaunchedApp {
  const app = APPS.find((a) => a.name === name);
  if (!app) throw new Error(`no service named ${name}`);
  return app;
}
