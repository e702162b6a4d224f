import type { Actor, SystemActor, UserActor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { ForbiddenError, ValidationError } from '../common/errors';
import type { UpdateUserDto } from './dto/update-user.dto';

/** Reading a user: yourself, or anyone with `user:read-any`. */
export function assertCanReadUser(actor: Actor, userId: number): asserts actor is UserActor | SystemActor {
  if (actor.kind === 'user' && actor.userId === userId) assertCan(actor, 'user:read-self');
  else assertCan(actor, 'user:read-any');
}

/**
 * Updating a user: yourself, or anyone with `user:update-any`. Changing your own password also needs the
 * current one; an admin resetting someone else's does not.
 */
export function assertCanUpdateUser(actor: Actor, userId: number, changes: UpdateUserDto): asserts actor is UserActor | SystemActor {
  const self = actor.kind === 'user' && actor.userId === userId;
  assertCan(actor, self ? 'user:update-self' : 'user:update-any');
  if (self && changes.password !== undefined && !changes.current_password) {
    throw new ValidationError([{ field: 'current_password', rule: 'required', message: 'current_password is required to change your own password' }]);
  }
}

export function assertCanSetRole(actor: Actor): asserts actor is UserActor | SystemActor {
  assertCan(actor, 'user:set-role');
}

export function assertCanDeactivate(actor: Actor): asserts actor is UserActor | SystemActor {
  assertCan(actor, 'user:deactivate');
}

export function lastAdminError(): ForbiddenError {
  return new ForbiddenError('This is the last active admin; promote another admin first');
}
