import {
  ANONYMOUS,
  ForbiddenError,
  PERMISSIONS,
  ROLES,
  UnauthenticatedError,
  assertCan,
  assertSignedIn,
  can,
  rolesGranted,
  systemActor,
  userActor,
  type Permission,
  type Role,
} from '../index';

/** The grant table as the platform promises it; a change to who may do what shows up here first. */
const GRANTED: Record<Role, Permission[]> = {
  admin: [...PERMISSIONS],
  user: ['user:read-self', 'user:update-self', 'order:buy', 'order:read-own'],
  guest: ['user:read-self'],
};

describe('permissions', () => {
  it('grants each role exactly its permissions', () => {
    for (const role of ROLES) {
      expect({ role, granted: PERMISSIONS.filter((p) => can(userActor(1, role), p)) }).toEqual({ role, granted: GRANTED[role] });
    }
  });

  it('names the roles holding each permission from the same table', () => {
    for (const permission of PERMISSIONS) {
      expect({ permission, roles: rolesGranted(permission) }).toEqual({ permission, roles: ROLES.filter((r) => GRANTED[r].includes(permission)) });
    }
  });

  it('keeps the low-stock report a read of its own, not a stand-in for catalog writes', () => {
    expect(PERMISSIONS).toContain('product:read-stock');
    expect(rolesGranted('product:read-stock')).toEqual(['admin']);
  });

  it('refuses an anonymous caller with 401 and a signed-in one without the grant with 403, naming the role', () => {
    expect(() => assertCan(ANONYMOUS, 'user:read-self')).toThrow(UnauthenticatedError);
    expect(() => assertCan(userActor(2, 'user'), 'product:read-stock')).toThrow(new ForbiddenError('Your role (user) may not do this'));
    expect(() => assertCan(userActor(3, 'guest'), 'user:update-self')).toThrow(new ForbiddenError('Your role (guest) may not do this'));
    expect(() => assertCan(userActor(1, 'admin'), 'product:write')).not.toThrow();
  });

  it('lets the platform itself do anything, and an anonymous caller nothing', () => {
    const platform = systemActor('test');
    expect(PERMISSIONS.filter((p) => can(platform, p))).toEqual([...PERMISSIONS]);
    expect(PERMISSIONS.filter((p) => can(ANONYMOUS, p))).toEqual([]);
  });

  it('counts only a user as signed in: the platform acting on its own has no account to be', () => {
    expect(() => assertSignedIn(userActor(1, 'guest'))).not.toThrow();
    expect(() => assertSignedIn(ANONYMOUS)).toThrow(UnauthenticatedError);
    expect(() => assertSignedIn(systemActor('cli'))).toThrow(UnauthenticatedError);
  });
});
