import type { UserAuthState } from '../users/user';
import type { UserActor } from './actor';

/**
 * The account each actor was authenticated with, as ActorResolver read it at the start of the request: a route that
 * shows the caller's own account (GET /users/me) answers from it instead of reading the same row again. Held beside
 * the actor rather than in it, so an actor stays who acts, compared and logged as before, and is forgotten with it.
 */
const accounts = new WeakMap<UserActor, UserAuthState>();

export function withAuthenticatedAccount(actor: UserActor, account: UserAuthState): UserActor {
  accounts.set(actor, account);
  return actor;
}

export function authenticatedAccount(actor: UserActor): UserAuthState | undefined {
  return accounts.get(actor);
}
