// eslint-disable-next-line @nx/enforce-module-boundaries -- deployment files are checked against each app's real config class
import { UsersApiConfig } from '../../apps/users-api/src/users-api.config';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
import { ProductsApiConfig } from '../../apps/products-api/src/products-api.config';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
import { McpGatewayConfig } from '../../apps/mcp-gateway/src/mcp-gateway.config';
import { getMetadataStorage } from 'class-validator';
import { APPS } from '../launcher/apps';

/**
 * What the deployment files (Dockerfile, docker-compose.yml, k8s/) must agree with: the services as the code
 * defines them. The checks in this folder compare every image, port, probe path and env var against this.
 */
export interface DeployedService {
  name: string;
  image: string;
  port: number;
  /** Every environment variable the service's config class reads. */
  env: Set<string>;
}

export const PROBES = { live: '/health/live', ready: '/health/ready', metrics: '/metrics' } as const;

/** The image that also carries the migration bundle, and the command the one-shot migration runs. */
export const MIGRATION = { service: 'users-api', command: ['node', 'migrate.js'] } as const;

const CONFIGS: Record<string, new () => object> = {
  'users-api': UsersApiConfig,
  'products-api': ProductsApiConfig,
  'mcp-gateway': McpGatewayConfig,
};

export function envOf(cls: new () => object): Set<string> {
  const decorated = getMetadataStorage()
    .getTargetValidationMetadatas(cls, '', true, false)
    .map((m) => m.propertyName);
  return new Set([...decorated, ...Object.keys(new cls())]);
}

export const SERVICES: DeployedService[] = APPS.map((app) => {
  const config = CONFIGS[app.name];
  if (!config) throw new Error(`no config class known for ${app.name}`);
  return { name: app.name, image: `mercato/${app.name}`, port: app.port, env: envOf(config) };
});

export function serviceNamed(name: string): DeployedService {
  const service = SERVICES.find((s) => s.name === name);
  if (!service) throw new Error(`no service named ${name}`);
  return service;
}
