import { ANONYMOUS, type Role, systemActor, userActor } from './actor';
import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import { assertCan, assertSignedIn, can, type Permission } from './permissions';

/** The grant table, written out: a permission moving between roles should be a decision someone sees in review. */
const GRANTED: Record<Role, Permission[]> = {
  admin: [
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
    'product:write',
    'product:stats',
  ],
  user: ['user:read-self', 'user:update-self'],
  guest: ['user:read-self'],
};
const EVERY_PERMISSION = GRANTED.admin;

describe('permissions', () => {
  it.each(Object.entries(GRANTED) as [Role, Permission[]][])('grants the %s role exactly its permissions', (role, granted) => {
    const actor = userActor(1, role);
    expect(EVERY_PERMISSION.filter((p) => can(actor, p))).toEqual(granted);
  });

  it('lets the platform itself do anything and an anonymous caller nothing', () => {
    const system = systemActor('seeding');
    for (const permission of EVERY_PERMISSION) {
      expect(can(system, permission)).toBe(true);
      expect(can(ANONYMOUS, permission)).toBe(false);
    }
  });

  it('answers a missing grant with 401 for anonymous callers and 403 for signed-in ones', () => {
    expect(() => assertCan(ANONYMOUS, 'user:read-self')).toThrow(UnauthenticatedError);
    expect(() => assertCan(userActor(1, 'user'), 'product:write')).toThrow(ForbiddenError);
    expect(() => assertCan(userActor(1, 'guest'), 'user:update-self')).toThrow(/guest/);
    expect(() => assertCan(userActor(1, 'admin'), 'product:write')).not.toThrow();
    expect(() => assertCan(systemActor('cli'), 'user:set-role')).not.toThrow();
  });

  it('counts only a user as signed in: the platform acting on its own has no account to be', () => {
    expect(() => assertSignedIn(userActor(1, 'guest'))).not.toThrow();
    expect(() => assertSignedIn(ANONYMOUS)).toThrow(UnauthenticatedError);
    expect(() => assertSignedIn(systemActor('cli'))).toThrow(UnauthenticatedError);
  });
});
