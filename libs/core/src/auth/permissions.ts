import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import { ROLES, type Actor, type Role, type SystemActor, type UserActor } from './actor';

/**
 * Every capability the platform grants, the one vocabulary of access: core policies, REST routes (`@Requires`)
 * and the MCP gateway's tool, resource and prompt filters all ask `can()`, so REST and MCP agree by construction.
 * Reading something is its own permission, never implied by being allowed to change it.
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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const USER_SELF: Permission[] = ['user:read-self', 'user:update-self'];

/** The only place a role is turned into what it may do. */
const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set<Permission>(PERMISSIONS),
  user: new Set<Permission>(USER_SELF),
  // A guest account may look at itself but change nothing.
  guest: new Set<Permission>(['user:read-self']),
};

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.kind === 'system') return true;
  return actor.kind === 'user' && GRANTS[actor.role].has(permission);
}

/** Anonymous callers get UnauthenticatedError (401), signed-in ones without the grant ForbiddenError (403). */
export function assertCan(actor: Actor, permission: Permission): asserts actor is UserActor | SystemActor {
  if (actor.kind === 'system') return;
  if (actor.kind !== 'user') throw new UnauthenticatedError('Sign in to do this');
  if (!GRANTS[actor.role].has(permission)) throw new ForbiddenError(`Your role (${actor.role}) may not do this`);
}

export function assertSignedIn(actor: Actor): asserts actor is UserActor {
  if (actor.kind !== 'user') throw new UnauthenticatedError('Sign in to do this');
}

/** The roles holding a permission, read from the grant table: for documents that tell people who may call what. */
export function rolesGranted(permission: Permission): Role[] {
  return ROLES.filter((role) => GRANTS[role].has(permission));
}
