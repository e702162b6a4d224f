import { ANONYMOUS, ForbiddenError, UnauthenticatedError, ValidationError, can, systemActor, userActor } from '../index';
import { assertCanDeactivate, assertCanReadUser, assertCanSetRole, assertCanUpdateUser, lastAdminError } from './users.policy';

const admin = userActor(1, 'admin');
const alice = userActor(2, 'user');
const guest = userActor(3, 'guest');

describe('users policy', () => {
  it('lets users read themselves and admins read anyone, and nobody else', () => {
    expect(() => assertCanReadUser(alice, 2)).not.toThrow();
    expect(() => assertCanReadUser(admin, 2)).not.toThrow();
    expect(() => assertCanReadUser(alice, 1)).toThrow(ForbiddenError);
    expect(() => assertCanReadUser(ANONYMOUS, 2)).toThrow(UnauthenticatedError);
  });

  it('lets users update themselves, admins anyone, guests nobody', () => {
    expect(() => assertCanUpdateUser(alice, 2, { full_name: 'A' })).not.toThrow();
    expect(() => assertCanUpdateUser(admin, 2, { full_name: 'A' })).not.toThrow();
    expect(() => assertCanUpdateUser(alice, 1, { full_name: 'A' })).toThrow(ForbiddenError);
    expect(() => assertCanUpdateUser(guest, 3, { full_name: 'G' })).toThrow(ForbiddenError);
  });

  it('asks for the current password only when you change your own', () => {
    expect(() => assertCanUpdateUser(alice, 2, { password: 'NewPassw0rd' })).toThrow(ValidationError);
    expect(() => assertCanUpdateUser(alice, 2, { password: 'NewPassw0rd', current_password: 'x' })).not.toThrow();
    expect(() => assertCanUpdateUser(admin, 2, { password: 'NewPassw0rd' })).not.toThrow();
  });

  it('keeps role changes and listing to admins', () => {
    expect(() => assertCanSetRole(admin)).not.toThrow();
    expect(() => assertCanSetRole(alice)).toThrow(ForbiddenError);
    expect(can(admin, 'user:list')).toBe(true);
    expect(can(alice, 'user:list')).toBe(false);
    expect(can(ANONYMOUS, 'user:read-self')).toBe(false);
  });

  it('lets a guest read itself, and keeps deactivation to admins', () => {
    expect(() => assertCanReadUser(guest, 3)).not.toThrow();
    expect(() => assertCanDeactivate(admin)).not.toThrow();
    expect(() => assertCanDeactivate(alice)).toThrow(ForbiddenError);
    expect(() => assertCanDeactivate(ANONYMOUS)).toThrow(UnauthenticatedError);
  });

  it('refuses a signed-out caller with 401, not 403, so a client knows to sign in', () => {
    expect(() => assertCanUpdateUser(ANONYMOUS, 2, { full_name: 'A' })).toThrow(UnauthenticatedError);
    expect(() => assertCanSetRole(ANONYMOUS)).toThrow(UnauthenticatedError);
  });

  it('lets the platform itself act on any account, setting a password without a current one', () => {
    const cli = systemActor('create-admin CLI');
    expect(() => assertCanReadUser(cli, 2)).not.toThrow();
    expect(() => assertCanUpdateUser(cli, 2, { password: 'NewPassw0rd' })).not.toThrow();
    expect(() => assertCanSetRole(cli)).not.toThrow();
    expect(() => assertCanDeactivate(cli)).not.toThrow();
  });

  it('refuses removing the last admin as forbidden, saying how to proceed', () => {
    expect(lastAdminError()).toBeInstanceOf(ForbiddenError);
    expect(lastAdminError().detail).toMatch(/promote another admin first/);
  });
});
