import { ForbiddenError, InsufficientScopeError, UnauthenticatedError } from '../common/errors';
import { ROLES, type Actor, type Role, type SystemActor, type UserActor } from './actor';
import { scopeCovering } from './scopes';

/**
 * Every capability the platform grants, the one vocabulary of access: core policies, REST routes (`@Requires`)
 * and the MCP gateway's tool, resource and prompt filters all ask `can()`, so REST and MCP agree by construction.
 * Reading something is its own permission, never implied by being allowed to change it. A token's scopes
 * (scopes.ts) narrow what the role grants: a narrowed token may do what both allow.
 */
export const PERMISSIONS = [
  'user:read-self',
  'user:update-self',
  'user:read-any',
  'user:list',
  'user:create',
  'user:update-any',
  'user:set-role',
  'user:deactivate',
  'user:stats',
  'product:read-inactive',
  'product:read-stock',
  'product:write',
  'product:stats',
  'order:buy',
  'order:read-own',
  'order:read-any',
  'order:cancel-any',
  'order:set-status',
  'order:analytics',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const USER_SELF: Permission[] = ['user:read-self', 'user:update-self'];
/** Buying (checkouts, and canceling one's own orders) and seeing what one bought. */
const SHOPPING: Permission[] = ['order:buy', 'order:read-own'];

/** The only place a role is turned into what it may do. */
const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set<Permission>(PERMISSIONS),
  user: new Set<Permission>([...USER_SELF, ...SHOPPING]),
  // A guest account may look at itself but change nothing, and may not buy.
  guest: new Set<Permission>(['user:read-self']),
};

/** The role grants the permission and, for a narrowed token, a scope of the token covers it. */
export function can(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'system') return true;
  return actor.kind === 'user' && GRANTS[actor.role].has(permission) && withinScopes(actor, permission);
}

/**
 * Anonymous callers get UnauthenticatedError (401), signed-in ones without the grant ForbiddenError (403), and
 * those whose role grants it but whose token's scopes do not InsufficientScopeError (403, naming the scope).
 */
export function assertCan(actor: Actor, permission: Permission): asserts actor is UserActor | SystemActor {
  if (actor.kind === 'system') return;
  if (actor.kind !== 'user') throw new UnauthenticatedError('Sign in to do this');
  if (!GRANTS[actor.role].has(permission)) throw new ForbiddenError(`Your role (${actor.role}) may not do this`);
  assertScopeAllows(actor, permission);
}

/**
 * Only the scope half of assertCan: refuses when the role grants the permission but the token's scopes do not
 * cover it, and leaves every other refusal to assertCan. For a transport that must answer a missing scope
 * before the request reaches the service (the MCP gateway's HTTP 403 step-up challenge).
 */
export function assertScopeAllows(actor: Actor, permission: Permission): void {
  if (actor.kind === 'user' && GRANTS[actor.role].has(permission) && !withinScopes(actor, permission)) {
    throw new InsufficientScopeError(scopeCovering(permission), actor.scopes ?? []);
  }
}

export function assertSignedIn(actor: Actor): asserts actor is UserActor {
  if (actor.kind !== 'user') throw new UnauthenticatedError('Sign in to do this');
}

/** The roles holding a permission, read from the grant table: for documents that tell people who may call what. */
export function rolesGranted(permission: Permission): Role[] {
  return ROLES.filter((role) => GRANTS[role].has(permission));
}

function withinScopes(actor: UserActor, permission: Permission): boolean {
  return actor.scopes === undefined || actor.scopes.includes(scopeCovering(permission));
}
