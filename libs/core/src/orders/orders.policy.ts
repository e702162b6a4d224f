import type { Actor, SystemActor, UserActor } from '../auth/actor';
import { assertCan, can, type Permission } from '../auth/permissions';
import { ForbiddenError, NotFoundError } from '../common/errors';

type Owned = { id: string; userId: number };

/**
 * Refuses before anything is looked up (401 anonymous, 403 without the grant, 403 naming a missing scope), so
 * a refusal never tells whether a checkout or order exists. Either permission lets the caller try.
 */
export function assertMayTry(actor: Actor, own: Permission, any?: Permission): asserts actor is UserActor | SystemActor {
  if (any && can(actor, any)) return;
  assertCan(actor, own);
}

/**
 * After the lookup: the owner, or whoever holds `any`, may go on. Anyone else gets not-found, as if it did not
 * exist, unless they may see every account's (an admin), who gets forbidden since they can see it is there.
 */
export function assertMayAct(
  actor: UserActor | SystemActor,
  resource: Owned | null,
  what: 'Checkout' | 'Order',
  id: string,
  any?: Permission,
): asserts resource is Owned {
  if (!resource) throw new NotFoundError(what, id);
  if (isOwner(actor, resource) || (any && can(actor, any))) return;
  if (can(actor, 'order:read-any')) throw new ForbiddenError(`Only the account that owns ${what.toLowerCase()} ${id} may do this`);
  throw new NotFoundError(what, id);
}

export function isOwner(actor: Actor, resource: { userId: number }): boolean {
  return actor.kind === 'user' && actor.userId === resource.userId;
}

/** The account whose orders a list shows: the caller's own, unless they may read every account's. */
export function ordersListedFor(actor: UserActor | SystemActor, requestedUserId: number | undefined): number | undefined {
  if (can(actor, 'order:read-any')) return requestedUserId;
  return actor.kind === 'user' ? actor.userId : undefined;
}
