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
  /** Every environment variable the service's config classes read. */
  env: Set<string>;
  /** The class that validates the service's own settings (server, tokens, app). */
  config: new () => object;
  /** Every class that validates part of that environment: `config` and the settings of the contexts it runs. */
  configs: (new () => object)[];
  /** Public path prefixes routed to it. */
  routes: string[];
}

export const PROBES = { live: '/health/live', ready: '/health/ready', metrics: '/metrics' } as const;

/** The image that also carries the migration bundle, and the command the one-shot migration runs. */
export const MIGRATION = { service: 'users-api', command: ['node', 'migrate.js'] } as const;

/**
 * Settings every service that reads them gets one value of, set in one place in each deployment: a checkout
 * started through the gateway's tools or through orders-api is priced in one currency and held as long.
 */
export const SHARED_SETTINGS = ['CURRENCY', 'CHECKOUT_TTL_SECONDS'] as const;

export function envOf(cls: new () => object): Set<string> {
  const decorated = getMetadataStorage()
    .getTargetValidationMetadatas(cls, '', true, false)
    .map((m) => m.propertyName);
  return new Set([...decorated, ...Object.keys(new cls())]);
}

export const SERVICES: DeployedService[] = APPS.map((app) => {
  const configs = [app.config, ...(app.contextConfigs ?? [])];
  return {
    name: app.name,
    image: `mercato/${app.name}`,
    port: app.port,
    env: new Set(configs.flatMap((cls) => [...envOf(cls)])),
    config: app.config,
    configs,
    routes: app.routes,
  };
});

export function serviceNamed(name: string): DeployedService {
  const service = SERVICES.find((s) => s.name === name);
  if (!service) throw new Error(`no service named ${name}`);
  return service;
}
