import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, ServerConfig } from '@mercato/server';
import { composeValidator, interpolate, readCompose, readEnvExample, readRepoText, variablesIn, type ComposeService } from './compose';
import { healthcheckOf, imageChain, instructions, readStages } from './dockerfile';
import { MIGRATION, PROBES, SERVICES, SHARED_SETTINGS, serviceNamed } from './services';

const compose = readCompose();
const text = readRepoText('docker-compose.yml');
const example = readEnvExample();
const variables = variablesIn(compose);
/** .env.example with its empty secrets filled in, as a person following it would. */
const filledIn = Object.fromEntries([...example].map(([k, v]) => [k, v || `placeholder-${k.toLowerCase()}`]));

function service(name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service ${name}`);
  return found;
}
const envOf = (name: string) => service(name).environment ?? {};
const SECRET_NAME = /PASSWORD|SECRET|PRIVATE_KEY|TOKEN/;
/** The schema owner (POSTGRES_USER, for the migrate job) and the services' role of deploy/postgres/app-role.sql. */
const OWNER_DATABASE_URL = /^postgres:\/\/mercato:\$\{POSTGRES_PASSWORD:\?[^}]*\}@postgres:5432\/mercato$/;
const SERVICES_DATABASE_URL = /^postgres:\/\/mercato_app:\$\{POSTGRES_APP_PASSWORD:\?[^}]*\}@postgres:5432\/mercato$/;

describe('docker-compose.yml', () => {
  it('is a valid compose file once .env.example is filled in', () => {
    expect(composeValidator()(interpolate(compose, filledIn))).toEqual([]);
  });

  it('refuses to start while any secret is unset, naming it', () => {
    const required = variables.filter((v) => v.required).map((v) => v.name);
    expect(required).toEqual(expect.arrayContaining(['POSTGRES_PASSWORD', 'POSTGRES_APP_PASSWORD', 'REDIS_PASSWORD', 'JWT_PRIVATE_KEY']));
    for (const name of required) {
      expect(() => interpolate(compose, { ...filledIn, [name]: '' })).toThrow(name);
    }
  });

  it('lists in .env.example every variable it reads, with every secret left empty', () => {
    expect(variables.map((v) => v.name).filter((name) => !example.has(name))).toEqual([]);
    for (const v of variables.filter((v) => v.required)) expect([v.name, example.get(v.name)]).toEqual([v.name, '']);
    expect(readRepoText('.env.example')).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
  });

  it('writes no secret into the file: each comes from the environment by ${…}', () => {
    for (const [name, svc] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(svc.environment ?? {})) {
        if (SECRET_NAME.test(key)) expect([name, key, value]).toEqual([name, key, expect.stringMatching(/^\$\{[A-Z_]+:\?[^}]*\}$/)]);
        const password = /^[a-z]+:\/\/[^:/@]*:([^@]*)@/.exec(value)?.[1];
        if (password !== undefined) expect([name, key, password]).toEqual([name, key, expect.stringMatching(/^\$\{[A-Z_]+:\?[^}]*\}$/)]);
      }
    }
    expect(text).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
  });

  it('passes no env_file, so a service gets exactly the variables listed for it', () => {
    expect(
      Object.entries(compose.services)
        .filter(([, s]) => s.env_file !== undefined)
        .map(([n]) => n),
    ).toEqual([]);
  });

  it.each(SERVICES.map((s) => [s.name, s]))('builds %s from the Dockerfile with its APP and names the image', (_name, s) => {
    const svc = service(s.name);
    expect(svc.image).toBe(s.image);
    expect(svc.build?.context).toBe('.');
    expect(svc.build?.args?.APP).toBe(s.name);
    // Never pulled: a public image could carry the same name.
    expect(svc.pull_policy).toBe('build');
  });

  it.each(SERVICES.map((s) => [s.name, s]))('gives %s only variables its config reads, on its own port, behind nginx', (_name, s) => {
    const env = envOf(s.name);
    expect(Object.keys(env).filter((key) => !s.env.has(key))).toEqual([]);
    expect(env).toMatchObject({ PORT: String(s.port), NODE_ENV: 'production', TRUST_PROXY: 'true' });
    // Every interface inside the container (only `npm start` defaults to loopback); nginx is the published door.
    expect(env.HOST ?? new ServerConfig().HOST).toBe('0.0.0.0');
    expect(env.DATABASE_URL).toMatch(SERVICES_DATABASE_URL);
    expect(env.REDIS_URL).toMatch(/^redis:\/\/:\$\{REDIS_PASSWORD:\?[^}]*\}@redis:6379$/);
  });

  it('keeps the signing key in the one service whose config reads it, and points the others at its JWKS', () => {
    const [issuer, ...more] = SERVICES.filter((s) => s.env.has('JWT_PRIVATE_KEY'));
    expect([issuer.name, more]).toEqual(['users-api', []]);
    expect(envOf(issuer.name).JWT_PRIVATE_KEY).toMatch(/^\$\{JWT_PRIVATE_KEY:\?/);
    for (const name of Object.keys(compose.services).filter((n) => n !== issuer.name)) {
      expect([name, JSON.stringify(service(name))]).toEqual([name, expect.not.stringContaining('PRIVATE_KEY')]);
    }
    for (const s of SERVICES.filter((s) => s !== issuer)) {
      expect(envOf(s.name).JWT_JWKS_URL).toBe(`http://${issuer.name}:${issuer.port}/.well-known/jwks.json`);
    }
  });

  it('tells the gateway its public address, its authorization server and the browser origins it allows', () => {
    const { PUBLIC_URL, AUTHORIZATION_SERVER_URL, MCP_ALLOWED_ORIGINS } = envOf('mcp-gateway');
    const env = interpolate({ PUBLIC_URL, AUTHORIZATION_SERVER_URL, MCP_ALLOWED_ORIGINS }, {});
    expect(env).toMatchObject({ PUBLIC_URL: 'http://localhost:8080', AUTHORIZATION_SERVER_URL: 'http://localhost:8080' });
    expect(env.MCP_ALLOWED_ORIGINS.split(',')).toEqual(['http://localhost', 'http://127.0.0.1']);
  });

  it('gives every service the issuer the gateway names as its authorization server, whatever PUBLIC_URL .env sets', () => {
    for (const outer of [{}, { PUBLIC_URL: 'https://shop.example' }]) {
      const authorizationServer = interpolate(envOf('mcp-gateway').AUTHORIZATION_SERVER_URL, outer);
      for (const s of SERVICES)
        expect({ service: s.name, issuer: interpolate(envOf(s.name).JWT_ISSUER, outer) }).toEqual({ service: s.name, issuer: authorizationServer });
    }
  });

  it("tells users-api the gateway's resource, PUBLIC_URL + /mcp, whatever PUBLIC_URL .env sets", () => {
    for (const outer of [{}, { PUBLIC_URL: 'https://shop.example' }]) {
      const resource = interpolate(envOf('users-api').MCP_RESOURCE_URL, outer);
      const gateway = Object.assign(new (serviceNamed('mcp-gateway').config)() as ServerConfig, {
        PUBLIC_URL: interpolate(envOf('mcp-gateway').PUBLIC_URL, outer),
      });
      expect(resource).toBe(gateway.acceptedAudience());
    }
    expect(interpolate(envOf('users-api').MCP_RESOURCE_URL, {})).toBe('http://localhost:8080/mcp');
  });

  it('gives every service that sells one currency and one checkout lifetime, from one place, whatever .env sets', () => {
    for (const name of SHARED_SETTINGS) {
      const readers = SERVICES.filter((s) => s.env.has(name));
      expect([name, readers.length > 1]).toEqual([name, true]);
      // One text for all (the x-orders-env block), so .env changes them together.
      expect([name, new Set(readers.map((s) => envOf(s.name)[name])).size]).toEqual([name, 1]);
    }
    for (const s of SERVICES.filter((s) => SHARED_SETTINGS.some((name) => s.env.has(name)))) {
      const env = interpolate(envOf(s.name), filledIn);
      // The context's settings as .env.example leaves them are valid (the service's own need real secrets).
      for (const settings of s.configs.filter((c) => c !== s.config)) expect(() => loadConfig(settings, env)).not.toThrow();
      expect(env).toMatchObject({ CURRENCY: 'EUR', CHECKOUT_TTL_SECONDS: '900' });
    }
  });

  it('starts a service only on a healthy database and Redis, after migrations, and after users-api for token checks', () => {
    const ready = { postgres: 'service_healthy', redis: 'service_healthy', migrate: 'service_completed_successfully' };
    const conditions = (name: string) => Object.fromEntries(Object.entries(service(name).depends_on ?? {}).map(([dep, { condition }]) => [dep, condition]));
    expect(conditions('users-api')).toEqual(ready);
    expect(conditions('products-api')).toEqual({ ...ready, 'users-api': 'service_healthy' });
    expect(conditions('mcp-gateway')).toEqual({ ...ready, 'users-api': 'service_healthy' });
    expect(conditions('orders-api')).toEqual({ ...ready, 'users-api': 'service_healthy' });
    expect(conditions('migrate')).toEqual({ postgres: 'service_healthy' });
    expect(conditions('nginx')).toEqual(Object.fromEntries(SERVICES.map((s) => [s.name, 'service_healthy'])));
  });

  it("migrates once with the users-api image, its migrate.js and nothing but the schema owner's DATABASE_URL", () => {
    const migrate = service('migrate');
    const image = serviceNamed(MIGRATION.service);
    // Built once, by users-api's service: a second `build:` of the same tag would build it again.
    expect([migrate.image, migrate.build, migrate.pull_policy]).toEqual([image.image, undefined, 'never']);
    const builders = Object.entries(compose.services)
      .filter(([, s]) => s.image === image.image && s.build)
      .map(([n]) => n);
    expect(builders).toEqual([image.name]);
    expect(migrate.command).toEqual(MIGRATION.command);
    expect(migrate.environment).toEqual({ DATABASE_URL: expect.stringMatching(OWNER_DATABASE_URL) });
    expect(migrate.restart).toBe('no');
    expect(migrate.healthcheck).toEqual({ disable: true });
  });

  it("creates the services' role when PostgreSQL initialises its volume, with app-role.sql and its own password", () => {
    const postgres = service('postgres');
    expect(postgres.environment).toMatchObject({ POSTGRES_USER: 'mercato', POSTGRES_APP_PASSWORD: expect.stringMatching(/^\$\{POSTGRES_APP_PASSWORD:\?/) });
    expect(postgres.volumes).toEqual(
      expect.arrayContaining(['./deploy/postgres:/etc/mercato/postgres:ro', './deploy/postgres/initdb:/docker-entrypoint-initdb.d:ro']),
    );
    const init = readRepoText('deploy/postgres/initdb/mercato-app-role.sh');
    // The role the script names and sets the password of is the one in the services' URL.
    expect(init).toContain("SET mercato.app_role = 'mercato_app';");
    expect(init).toContain('\\i /etc/mercato/postgres/app-role.sql');
    expect(init).toContain("ALTER ROLE mercato_app PASSWORD :'app_password';");
    expect(init).toContain('app_password="${POSTGRES_APP_PASSWORD:?');
    expect(readRepoText('deploy/postgres/app-role.sql')).toContain("current_setting('mercato.app_role')");
    // Only what the postgres image runs from its init folder: no .sql there would run without the role's name.
    expect(readdirSync(join(__dirname, '../../deploy/postgres/initdb'))).toEqual(['mercato-app-role.sh']);
  });

  it('probes every service with its image healthcheck on the liveness path', () => {
    const stages = readStages();
    for (const s of SERVICES) {
      expect([s.name, service(s.name).healthcheck]).toEqual([s.name, undefined]);
      const [check] = instructions(imageChain(stages, s.name), 'HEALTHCHECK');
      expect(healthcheckOf(check).command.join(' ')).toContain(PROBES.live);
    }
  });

  it('runs the services and the job on a read-only root filesystem with /tmp in memory', () => {
    for (const name of [...SERVICES.map((s) => s.name), 'migrate', 'nginx']) {
      expect([name, service(name).read_only, service(name).tmpfs]).toEqual([name, true, ['/tmp']]);
    }
  });

  it('keeps PostgreSQL in a named volume and checks it and Redis before anything starts', () => {
    const postgres = service('postgres');
    expect(postgres.image).toMatch(/^postgres:\d+/);
    expect(postgres.volumes?.[0]).toBe('pgdata:/var/lib/postgresql/data');
    expect(Object.keys(compose.volumes ?? {})).toEqual(['pgdata']);
    expect(postgres.healthcheck?.test).toEqual(expect.arrayContaining(['pg_isready']));
    expect(service('redis').healthcheck?.test?.join(' ')).toContain('redis-cli ping');
  });

  it('caps Redis memory and lets it evict only keys that expire, which every key the services write does', () => {
    const redis = interpolate(service('redis'), { REDIS_PASSWORD: 'placeholder' });
    const server = redis.command?.at(-1) ?? '';
    expect(server).toMatch(/^exec redis-server .*--maxmemory "\$REDIS_MAXMEMORY" --maxmemory-policy volatile-lru$/);
    expect(redis.environment?.REDIS_MAXMEMORY).toBe('256mb');
    expect(interpolate(service('redis'), filledIn).environment?.REDIS_MAXMEMORY).toBe(example.get('REDIS_MAXMEMORY'));
    // Kubernetes uses a Redis of the operator's: its README asks for the same settings.
    expect(readRepoText('k8s/README.md')).toMatch(/`maxmemory`[^]*`maxmemory-policy volatile-lru`/);
  });

  it('publishes only nginx, on loopback unless told otherwise, which reads its config from deploy/nginx', () => {
    const published = Object.entries(compose.services)
      .filter(([, s]) => s.ports?.length)
      .map(([n]) => n);
    expect(published).toEqual(['nginx']);
    expect(interpolate(service('nginx').ports, {})).toEqual(['127.0.0.1:8080:8080']);
    expect(interpolate(service('nginx').ports, { BIND_ADDRESS: '0.0.0.0' })).toEqual(['0.0.0.0:8080:8080']);
    expect(service('nginx').volumes).toEqual(['./deploy/nginx:/etc/nginx/mercato:ro']);
    expect(service('nginx').command).toEqual(expect.arrayContaining(['-c', '/etc/nginx/mercato/nginx.conf']));
  });
});
