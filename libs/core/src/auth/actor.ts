import type { Scope } from './scopes';

export const ROLES = ['admin', 'user', 'guest'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who a request acts for: a signed-in user (role read from the database, not the token), nobody, or the
 * platform itself (operator tooling such as the create-admin CLI and demo seeding, never a network caller).
 */
export type Actor = UserActor | AnonymousActor | SystemActor;

export interface UserActor {
  readonly kind: 'user';
  readonly userId: number;
  readonly role: Role;
  /** The token's scopes, which narrow what the role allows; undefined when the token is not narrowed (a sign-in's). */
  readonly scopes?: readonly Scope[];
  /**
   * The OAuth client the token was issued to (its `client_id`), when an app acts for the user; undefined when the
   * user signed in to Mercato themselves. What an app may spend for the user is limited (see AgentLimitsService).
   */
  readonly clientId?: string;
}

export interface AnonymousActor {
  readonly kind: 'anonymous';
}

export interface SystemActor {
  readonly kind: 'system';
  /** Why the platform acts on its own, for the logs: e.g. `create-admin CLI`. */
  readonly reason: string;
}

export function systemActor(reason: string): SystemActor {
  return { kind: 'system', reason };
}

export const ANONYMOUS: AnonymousActor = Object.freeze({ kind: 'anonymous' });

export function userActor(userId: number, role: Role, scopes?: readonly Scope[], clientId?: string): UserActor {
  return { kind: 'user', userId, role, ...(scopes === undefined ? {} : { scopes }), ...(clientId === undefined ? {} : { clientId }) };
}
