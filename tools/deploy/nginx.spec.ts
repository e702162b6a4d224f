import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCompose, readRepoText } from './compose';
import { all, bytes, inherited, locationFor, NGINX_DIR, one, ratePerSecond, readNginx, type Directive } from './nginx';
import { SERVICES, serviceNamed } from './services';

const http = one(readNginx(), 'http').block ?? [];
const plain = one(http, 'server').block ?? [];
const tls = one(readNginx('tls.conf.example'), 'server').block ?? [];
const SERVERS: [string, Directive[]][] = [
  ['plain HTTP', plain],
  ['TLS', tls],
];

/** Every public path and the service that must answer it. */
const ROUTES: [string, string][] = [
  ['/api/v1/auth', 'users-api'],
  ['/api/v1/auth/login', 'users-api'],
  ['/api/v1/auth/refresh', 'users-api'],
  ['/api/v1/users', 'users-api'],
  ['/api/v1/users/me', 'users-api'],
  ['/.well-known/jwks.json', 'users-api'],
  ['/api/v1/products', 'products-api'],
  ['/api/v1/products/12/stock', 'products-api'],
  ['/mcp', 'mcp-gateway'],
  ['/mcp/', 'mcp-gateway'],
  ['/api/v1/ai/sentiment', 'mcp-gateway'],
  ['/.well-known/oauth-protected-resource', 'mcp-gateway'],
  ['/.well-known/oauth-protected-resource/mcp', 'mcp-gateway'],
  ['/api/v1/checkouts', 'orders-api'],
  ['/api/v1/checkouts/6d0c2b8e-5f57-4c1b-9d3e-2a1f0e9b7c44/complete', 'orders-api'],
  ['/api/v1/orders', 'orders-api'],
  ['/api/v1/orders/6d0c2b8e-5f57-4c1b-9d3e-2a1f0e9b7c44/status', 'orders-api'],
  ['/api/v1/analytics/sales', 'orders-api'],
];
/** Served by the services for probes, scrapers and developers on the inside, never through nginx. */
const INTERNAL = ['/health/live', '/health/ready', '/metrics', '/docs', '/docs-json', '/', '/api/v1/payments'];
/**
 * A route takes whole path segments, as the Ingress's `Prefix` type does: a path that merely starts with a
 * route's text is no path of that service.
 */
const NOT_ROUTES = [
  '/api/v1/usersX',
  '/api/v1/authority',
  '/api/v1/products-admin',
  '/api/v1/aix',
  '/api/v1/orders-export',
  '/api/v1/checkoutsX',
  '/api/v1/analytics.csv',
  '/mcpfoo',
  '/mcp.json',
  '/.well-known/jwks.json.bak',
  '/.well-known/oauth-protected-resourcex',
  '/.well-known/oauth-protected-resource.json',
  '/healthz',
  '/API/v1/users',
];

function location(server: Directive[], path: string): Directive[] {
  const found = locationFor(server, path);
  if (!found) throw new Error(`no location for ${path}`);
  return found.block ?? [];
}

/** The compose service and port a path is proxied to, through proxy_pass and its upstream block. */
function serviceFor(server: Directive[], path: string): string | undefined {
  const pass = all(location(server, path), 'proxy_pass')[0]?.args[0];
  if (!pass) return undefined;
  const upstream = all(http, 'upstream').find((u) => `http://${u.args[0]}` === pass);
  const [target] = one(upstream?.block ?? [], 'server').args;
  const service = SERVICES.find((s) => `${s.name}:${s.port}` === target);
  if (!service) throw new Error(`${path} goes to ${target}, which is no service`);
  return service.name;
}

const locations = (server: Directive[]) => all(server, 'location').map((l) => l.block ?? []);
const argsOf = (directives: Directive[], name: string) => all(directives, name).map((d) => d.args.join(' '));

describe('nginx in front of the services', () => {
  it.each(SERVERS)('routes every public path to the service that serves it (%s)', (_label, server) => {
    expect(ROUTES.map(([path]) => [path, serviceFor(server, path)])).toEqual(ROUTES);
  });

  it.each(SERVERS)('routes every prefix the list of services declares to its service (%s)', (_label, server) => {
    const declared = SERVICES.flatMap((s) => s.routes.map((path) => [path, s.name]));
    expect(declared.map(([path]) => [path, serviceFor(server, path)])).toEqual(declared);
  });

  it.each(SERVERS)('answers its own /health and keeps probes, metrics and docs inside (%s)', (_label, server) => {
    expect(argsOf(location(server, '/health'), 'return')).toEqual(['200 {"status":"ok"}']);
    for (const path of INTERNAL) {
      expect([path, serviceFor(server, path), all(location(server, path), 'return')[0]?.args[0]]).toEqual([path, undefined, '404']);
    }
  });

  it.each(SERVERS)('matches whole path segments, so look-alike paths get the 404 (%s)', (_label, server) => {
    for (const path of NOT_ROUTES) {
      expect([path, serviceFor(server, path), all(location(server, path), 'return')[0]?.args[0]]).toEqual([path, undefined, '404']);
    }
  });

  it('sends each upstream to the compose service of that name, on its port', () => {
    const compose = readCompose();
    const targets = all(http, 'upstream').map((u) => one(u.block ?? [], 'server').args[0]);
    expect(targets).toEqual(SERVICES.map((s) => `${s.name}:${s.port}`));
    for (const s of SERVICES) expect(compose.services[s.name]).toBeDefined();
  });

  it('streams /mcp unbuffered', () => {
    for (const [, server] of SERVERS) {
      for (const path of ['/mcp', '/mcp/']) expect(argsOf(location(server, path), 'proxy_buffering')).toEqual(['off']);
    }
  });

  it('limits login attempts harder than the rest of the API, and answers 429', () => {
    const zones = new Map(all(http, 'limit_req_zone').map((z) => [z.args[1].replace('zone=', '').split(':')[0], ratePerSecond(z.args[2])]));
    const zoneOf = (levels: Directive[][]) => inherited(levels, 'limit_req')[0]?.args[0].replace('zone=', '');
    for (const [, server] of SERVERS) {
      const login = zoneOf([server, location(server, '/api/v1/auth/login')]);
      const api = zoneOf([server, location(server, '/api/v1/products')]);
      expect(login && api && (zones.get(login) ?? Infinity) < (zones.get(api) ?? 0)).toBe(true);
    }
    expect(argsOf(http, 'limit_req_status')).toEqual(['429']);
  });

  it('refuses bodies larger than the services accept', () => {
    const [, limit] = /bodyLimit: ([\d_]+)/.exec(readRepoText('libs/server/src/http/create-app.ts')) ?? [];
    expect(bytes(one(http, 'client_max_body_size').args[0])).toBe(Number(limit?.replace(/_/g, '')));
  });

  it('passes the real client address, replacing a forged X-Forwarded-For, and one request id end to end', () => {
    const headers = new Map(all(http, 'proxy_set_header').map((d) => [d.args[0], d.args[1]]));
    expect(headers.get('X-Forwarded-For')).toBe('$remote_addr');
    expect(headers.get('X-Request-Id')).toBe('$mercato_request_id');
    const requestId = one(http, 'map');
    expect(requestId.args).toEqual(['$http_x_request_id', '$mercato_request_id']);
    expect(requestId.block?.map((d) => [d.name, ...d.args])).toEqual([
      ['default', '$http_x_request_id'],
      ['', '$request_id'],
    ]);
    // A proxy_set_header lower down would replace all of these for that server or location.
    for (const [, server] of SERVERS) expect([server, ...locations(server)].flatMap((level) => all(level, 'proxy_set_header'))).toEqual([]);
    expect(serviceNamed('users-api').env.has('TRUST_PROXY')).toBe(true);
  });

  it('adds security headers to every response, and HSTS only over TLS', () => {
    const headers = (server: Directive[]) => new Map(all(server, 'add_header').map((d) => [d.args[0], d.args.slice(1)]));
    for (const [, server] of SERVERS) {
      expect(Object.fromEntries(headers(server))).toMatchObject({
        'X-Content-Type-Options': ['nosniff', 'always'],
        'X-Frame-Options': ['DENY', 'always'],
        'Content-Security-Policy': [expect.stringContaining("frame-ancestors 'none'"), 'always'],
        'Referrer-Policy': ['no-referrer', 'always'],
      });
      // An add_header in a location would drop every server-level one there.
      expect(locations(server).flatMap((level) => all(level, 'add_header'))).toEqual([]);
    }
    expect(headers(plain).has('Strict-Transport-Security')).toBe(false);
    expect(headers(tls).get('Strict-Transport-Security')?.[0]).toMatch(/^max-age=\d{7,}/);
    expect(argsOf(tls, 'listen')).toEqual(['8443 ssl']);
    expect(argsOf(plain, 'listen')).toEqual(['8080']);
  });

  // nginx is optional on a developer's machine; where it is installed (CI runners have it), it gets the last word.
  const nginx = spawnSync('nginx', ['-v']);
  if (!nginx.error) {
    it('is accepted by nginx -t, with the compose hostnames pointed at loopback', () => {
      const dir = mkdtempSync(join(tmpdir(), 'mercato-nginx-'));
      try {
        cpSync(join(__dirname, '..', '..', NGINX_DIR), dir, { recursive: true });
        const conf = join(dir, 'nginx.conf');
        const local = readFileSync(conf, 'utf8')
          .replace(/server [a-z-]+:(\d+);/g, 'server 127.0.0.1:$1;')
          .replace(/\/tmp\//g, `${dir}/`)
          // A container's stdout is a pipe; a test runner's may be a socket, which cannot be opened by path.
          .replace('/dev/stdout', join(dir, 'access.log'));
        writeFileSync(conf, local);
        const result = spawnSync('nginx', ['-t', '-q', '-e', 'stderr', '-c', conf], { encoding: 'utf8' });
        expect([result.status, result.stderr]).toEqual([0, '']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
