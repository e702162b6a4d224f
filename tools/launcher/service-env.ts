import type { LaunchedApp } from './apps';
import { appNamed } from './apps';

/** What `npm start` has set up for its services: the database it migrated and the local key pair. */
export interface PlatformSettings {
  databaseUrl: string;
  publicKey: string;
  signingKey: string;
}

/** Loopback: the embedded database is seeded with demo accounts whose passwords the README publishes. */
export const LAUNCHER_DEFAULT_HOST = '127.0.0.1';

export function portOf(app: LaunchedApp, outer: NodeJS.ProcessEnv): number {
  return Number(outer[app.portEnv] ?? app.port);
}

/** The gateway's public base URL: the caller's PUBLIC_URL, or its loopback address. */
function gatewayUrl(outer: NodeJS.ProcessEnv): string {
  return outer['PUBLIC_URL'] || `http://localhost:${portOf(appNamed('mcp-gateway'), outer)}`;
}

/**
 * The resource the gateway is (`<PUBLIC_URL>/mcp`) and the one audience it accepts. users-api issues tokens for
 * it to a sign-in that names it, so it is told this, derived from the gateway's address, never set apart.
 */
export function mcpResourceUrl(outer: NodeJS.ProcessEnv): string {
  return `${gatewayUrl(outer).replace(/\/$/, '')}/mcp`;
}

/**
 * The environment `npm start` gives one service: the caller's own, with the platform's database and keys,
 * the service's port, and HOST defaulting to loopback. The containers (Dockerfile, compose, Kubernetes)
 * never run the launcher and keep the services' own default of every interface.
 */
export function serviceEnv(app: LaunchedApp, platform: PlatformSettings, outer: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // users-api is the OAuth issuer: tokens name its address, which the gateway advertises to MCP clients.
  const issuer = `http://localhost:${portOf(appNamed('users-api'), outer)}`;
  const env: NodeJS.ProcessEnv = {
    AUTHORIZATION_SERVER_URL: issuer,
    JWT_ISSUER: outer['AUTHORIZATION_SERVER_URL'] ?? issuer,
    ...outer,
    PUBLIC_URL: gatewayUrl(outer),
    MCP_RESOURCE_URL: mcpResourceUrl(outer),
    HOST: outer['HOST'] || LAUNCHER_DEFAULT_HOST,
    DATABASE_URL: platform.databaseUrl,
    LOG_LEVEL: outer['LOG_LEVEL'] ?? 'warn',
    JWT_PUBLIC_KEY: outer['JWT_PUBLIC_KEY'] ?? platform.publicKey,
    PORT: String(portOf(app, outer)),
  };
  // Only the issuer holds the signing key, even when the caller's environment carries one.
  if (app.signsTokens) env['JWT_PRIVATE_KEY'] = outer['JWT_PRIVATE_KEY'] ?? platform.signingKey;
  else delete env['JWT_PRIVATE_KEY'];
  return env;
}
