import {
  ANONYMOUS,
  ForbiddenError,
  InsufficientScopeError,
  PERMISSIONS,
  ROLES,
  SCOPE_DESCRIPTIONS,
  SCOPES,
  assertCan,
  assertScopeAllows,
  can,
  isScope,
  parseScopes,
  rolesGranted,
  scopeCovering,
  systemActor,
  userActor,
  type Permission,
  type Scope,
} from '../index';

/** Which scope covers each permission, as the platform promises it; a change shows up here first. */
const COVERED_BY: Record<Scope, Permission[]> = {
  'users:read': ['user:read-self', 'user:read-any', 'user:list', 'user:stats'],
  'users:write': ['user:update-self', 'user:update-any', 'user:create', 'user:set-role', 'user:deactivate'],
  'catalog:read': ['product:read-inactive', 'product:read-stock', 'product:stats'],
  'catalog:write': ['product:write'],
  'orders:read': ['order:read-own', 'order:read-any', 'order:analytics'],
  'orders:write': ['order:buy', 'order:cancel-any', 'order:set-status'],
};

describe('scopes', () => {
  it('is a closed vocabulary of six, each described in plain words for the consent page', () => {
    expect(SCOPES).toEqual(['users:read', 'users:write', 'catalog:read', 'catalog:write', 'orders:read', 'orders:write']);
    for (const scope of SCOPES) expect(SCOPE_DESCRIPTIONS[scope]).toMatch(/^[A-Z].{20,}\.$/);
    expect(Object.keys(SCOPE_DESCRIPTIONS)).toEqual([...SCOPES]);
  });

  it('covers every permission with exactly one scope', () => {
    for (const permission of PERMISSIONS) {
      const covering = SCOPES.filter((scope) => COVERED_BY[scope].includes(permission));
      expect({ permission, covering }).toEqual({ permission, covering: [scopeCovering(permission)] });
    }
    expect(SCOPES.flatMap((scope) => COVERED_BY[scope]).sort()).toEqual([...PERMISSIONS].sort());
  });

  it('lets a token narrowed to one scope do exactly what both its role and that scope allow', () => {
    for (const role of ROLES) {
      for (const scope of SCOPES) {
        const narrowed = userActor(1, role, [scope]);
        const expected = PERMISSIONS.filter((p) => rolesGranted(p).includes(role) && COVERED_BY[scope].includes(p));
        expect({ role, scope, allowed: PERMISSIONS.filter((p) => can(narrowed, p)) }).toEqual({ role, scope, allowed: expected });
      }
    }
  });

  it('leaves a token without a scope claim its full role, and one with every scope the same', () => {
    for (const role of ROLES) {
      const byRole = PERMISSIONS.filter((p) => rolesGranted(p).includes(role));
      expect(PERMISSIONS.filter((p) => can(userActor(1, role), p))).toEqual(byRole);
      expect(PERMISSIONS.filter((p) => can(userActor(1, role, SCOPES), p))).toEqual(byRole);
    }
  });

  it('lets a token with an empty scope do nothing that needs a permission', () => {
    expect(PERMISSIONS.filter((p) => can(userActor(1, 'admin', []), p))).toEqual([]);
  });

  it('refuses what the role allows and the scopes do not with InsufficientScopeError, naming the scope and the set to ask for', () => {
    const catalogReader = userActor(1, 'admin', ['catalog:read']);
    expect(() => assertCan(catalogReader, 'product:read-stock')).not.toThrow();
    let refusal: unknown;
    try {
      assertCan(catalogReader, 'product:write');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(InsufficientScopeError);
    expect(refusal).toBeInstanceOf(ForbiddenError);
    expect(refusal).toMatchObject({
      type: 'insufficient-scope',
      title: 'Insufficient scope',
      scope: 'catalog:write',
      stepUpScopes: ['catalog:read', 'catalog:write'],
      extensions: { scope: 'catalog:write' },
      detail: "This token's scopes do not allow this; it needs the scope catalog:write",
    });
  });

  it('asks for the scope needed, in vocabulary order, alongside those the token already has', () => {
    expect(new InsufficientScopeError('users:read', ['catalog:write', 'users:write']).stepUpScopes).toEqual(['users:read', 'users:write', 'catalog:write']);
    expect(new InsufficientScopeError('users:read', []).stepUpScopes).toEqual(['users:read']);
  });

  it('lets the role refuse first: a scope never makes up for a permission the role lacks', () => {
    expect(() => assertCan(userActor(2, 'user', ['catalog:write']), 'product:write')).toThrow(new ForbiddenError('Your role (user) may not do this'));
    expect(() => assertCan(userActor(3, 'guest', ['users:write']), 'user:update-self')).toThrow(new ForbiddenError('Your role (guest) may not do this'));
    expect(() => assertCan(userActor(2, 'user', ['catalog:write']), 'product:write')).not.toThrow(InsufficientScopeError);
  });

  it('checks only the scope half on its own: silent for what the role refuses, for full tokens, anonymous callers and the platform', () => {
    expect(() => assertScopeAllows(userActor(1, 'admin', ['users:read']), 'product:write')).toThrow(InsufficientScopeError);
    expect(() => assertScopeAllows(userActor(2, 'user', ['users:read']), 'product:write')).not.toThrow();
    expect(() => assertScopeAllows(userActor(1, 'admin'), 'product:write')).not.toThrow();
    expect(() => assertScopeAllows(ANONYMOUS, 'product:write')).not.toThrow();
    expect(() => assertScopeAllows(systemActor('test'), 'product:write')).not.toThrow();
  });

  it('reads a scope claim in vocabulary order, skipping names it does not know and repeats', () => {
    expect(parseScopes('catalog:write users:read')).toEqual(['users:read', 'catalog:write']);
    expect(parseScopes('payments:read users:read users:read openid  catalog:read')).toEqual(['users:read', 'catalog:read']);
    expect(parseScopes('')).toEqual([]);
    expect(parseScopes('USERS:READ users:read:extra users')).toEqual([]);
    expect([isScope('users:read'), isScope('orders:*'), isScope(undefined)]).toEqual([true, false, false]);
  });
});
