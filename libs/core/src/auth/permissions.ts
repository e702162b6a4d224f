import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import type { Actor, Role, SystemActor, UserActor } from './actor';

/**
 * Every capability the platform grants. Policies and the MCP gateway's tool filter ask `can()`,
 * so REST and MCP agree by construction.
 */
export type Permission =
  | 'user:read-self'
  | 'user:update-self'
  | 'user:read-any'
  | 'user:list'
  | 'user:create'
  | 'user:update-any'
  | 'user:set-role'
  | 'user:deactivate'
  | 'user:stats'
  | 'product:read-inactive'
  | 'product:write'
  | 'product:stats';

const USER_SELF: Permission[] = ['user:read-self', 'user:update-self'];

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set<Permission>([
    ...USER_SELF,
    'user:read-any',
    'user:list',
    'user:create',
    'user:update-any',
    'user:set-role',
    'user:deactivate',
    'user:stats',
    'product:read-inactive',
    'product:write',
    'product:stats',
  ]),
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
