import { type Permission, PERMISSIONS, rolesGranted, SCOPES, scopeCovering } from '@mercato/core';
import { documentedPermissions, type OpenApiDocument } from './openapi';
import type { TestApp } from './test-app';
import { freshToken } from './tokens';

type Auth = Record<string, string>;

/** A route that needs a permission whoever asks, with a request whose input is invalid. */
export interface GuardedRoute {
  permission: Permission;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  body?: object;
  /** What an admin gets: as far as the input check (400), or an answer where there is no input (200). */
  asAdmin?: number;
}

export interface GuardCallers {
  api: TestApp;
  doc: OpenApiDocument;
  admin: { id: number; auth: Auth };
  user: { auth: Auth };
  guest: { auth: Auth };
}

/**
 * The checks every service's route permissions must pass, registered as tests: each route declares its core
 * permission in the OpenAPI document and description, refuses callers without it (401 anonymous, 403 signed in,
 * with core's own words) before reading their input, refuses an admin token whose scopes do not cover it with
 * a scope challenge, and lets an admin through to the input check.
 */
export function itGuardsRoutesByPermission(routes: Record<string, GuardedRoute>, callers: () => GuardCallers): void {
  const send = ({ method, path, body }: GuardedRoute, auth?: Auth) => {
    const http = callers().api.http;
    const req = auth ? http[method](path).set(auth) : http[method](path);
    return body ? req.send(body) : req;
  };

  it('declares a core permission on every route that needs one, and says in the description who holds it', () => {
    const { doc } = callers();
    expect(documentedPermissions(doc)).toEqual(Object.fromEntries(Object.entries(routes).map(([key, r]) => [key, r.permission])));
    for (const [key, { permission }] of Object.entries(routes)) {
      expect(PERMISSIONS).toContain(permission);
      const [method, path] = key.split(' ');
      const note = `Needs the permission \`${permission}\` (granted to: ${rolesGranted(permission).join(', ')}).`;
      expect(doc.paths[path][method.toLowerCase()].description?.endsWith(note)).toBe(true);
    }
  });

  it('refuses the roles without the permission with 403 before reading their input, anonymous callers with 401, as core refuses them', async () => {
    const { user, guest } = callers();
    for (const [key, route] of Object.entries(routes)) {
      for (const [role, auth] of [
        ['user', user.auth],
        ['guest', guest.auth],
      ] as const) {
        const res = await send(route, auth);
        const holds = rolesGranted(route.permission).includes(role);
        // a role that holds the permission gets as far as the input check, as an admin does
        const expected = holds
          ? { status: route.asAdmin ?? 400, type: res.body.type, detail: res.body.detail }
          : { status: 403, type: '/problems/forbidden', detail: `Your role (${role}) may not do this` };
        expect({ key, role, status: res.status, type: res.body.type, detail: res.body.detail }).toEqual({ key, role, ...expected });
      }
      const anonymous = await send(route);
      expect({ key, status: anonymous.status, type: anonymous.body.type }).toEqual({ key, status: 401, type: '/problems/unauthenticated' });
    }
  });

  it('lets an admin past the permission check to the input check', async () => {
    for (const [key, route] of Object.entries(routes)) {
      const res = await send(route, callers().admin.auth);
      expect({ key, status: res.status }).toEqual({ key, status: route.asAdmin ?? 400 });
    }
  });

  it('refuses an admin token whose scopes leave out the one covering the permission with a scope challenge, before reading its input', async () => {
    const { api, admin } = callers();
    for (const [key, route] of Object.entries(routes)) {
      const needed = scopeCovering(route.permission);
      const allButNeeded = await freshToken(api, admin.id, { scope: SCOPES.filter((scope) => scope !== needed).join(' ') });
      const res = await send(route, allButNeeded.auth);
      expect({ key, status: res.status, type: res.body.type, scope: res.body.scope, challenge: res.headers['www-authenticate'] }).toEqual({
        key,
        status: 403,
        type: '/problems/insufficient-scope',
        scope: needed,
        challenge: `Bearer error="insufficient_scope", scope="${SCOPES.join(' ')}"`,
      });
      const onlyNeeded = await freshToken(api, admin.id, { scope: needed });
      expect({ key, status: (await send(route, onlyNeeded.auth)).status }).toEqual({ key, status: route.asAdmin ?? 400 });
    }
  });
}
