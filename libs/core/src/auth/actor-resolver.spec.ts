import { InMemoryUsers } from '../../test/fakes';
import { UnauthenticatedError } from '../common/errors';
import { userActor } from './actor';
import { ActorResolver } from './actor-resolver';
import type { ConnectedApps } from './connected-apps';

async function setup() {
  const users = new InMemoryUsers();
  const resolver = new ActorResolver(users);
  const ada = await users.insert({ email: 'ada@example.com', username: 'ada', fullName: null, passwordHash: 'x', role: 'admin' });
  return { users, resolver, ada };
}

describe('ActorResolver', () => {
  it("resolves a current token to its user, with the role the account has now rather than the token's", async () => {
    const { users, resolver, ada } = await setup();
    await expect(resolver.resolve({ sub: String(ada.id), ver: 0 })).resolves.toEqual(userActor(ada.id, 'admin'));
    // A second admin lets the first be demoted; the demoted admin's unexpired token now acts as a user.
    await users.insert({ email: 'bo@example.com', username: 'bo', fullName: null, passwordHash: 'x', role: 'admin' });
    await users.setRoleKeepingAnAdmin(ada.id, 'user');
    await expect(resolver.resolve({ sub: String(ada.id), ver: 0 })).resolves.toEqual(userActor(ada.id, 'user'));
  });

  it.each([['0'], ['-1'], ['1.5'], ['abc'], [''], ['9007199254740993']])('refuses subject %p as malformed without reading the database', async (sub) => {
    const { users, resolver } = await setup();
    const read = jest.spyOn(users, 'findAuthState');
    await expect(resolver.resolve({ sub, ver: 0 })).rejects.toThrow(new UnauthenticatedError('The access token is malformed'));
    expect(read).not.toHaveBeenCalled();
  });

  it('refuses a version that is not an integer as malformed', async () => {
    const { resolver, ada } = await setup();
    for (const ver of [0.5, Number.NaN, '0' as unknown as number, undefined as unknown as number]) {
      await expect(resolver.resolve({ sub: String(ada.id), ver })).rejects.toThrow(/malformed/);
    }
  });

  it('refuses the token of an account that is gone, deactivated, or whose password changed since it was issued', async () => {
    const { users, resolver, ada } = await setup();
    await expect(resolver.resolve({ sub: '999', ver: 0 })).rejects.toThrow(/no longer valid/);

    await users.update(ada.id, { passwordHash: 'y' });
    await expect(resolver.resolve({ sub: String(ada.id), ver: 0 })).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(resolver.resolve({ sub: String(ada.id), ver: 1 })).resolves.toMatchObject({ userId: ada.id });

    await users.insert({ email: 'bo@example.com', username: 'bo', fullName: null, passwordHash: 'x', role: 'admin' });
    await users.deactivateKeepingAnAdmin(ada.id);
    await expect(resolver.resolve({ sub: String(ada.id), ver: 1 })).rejects.toBeInstanceOf(UnauthenticatedError);
    // deactivation moved the version on too; an inactive account stays refused at its newest version
    await expect(resolver.resolve({ sub: String(ada.id), ver: 2 })).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('narrows the role by the scope claim, in vocabulary order, and leaves a token without one its full role', async () => {
    const { resolver, ada } = await setup();
    const claims = { sub: String(ada.id), ver: 0 };
    const full = await resolver.resolve(claims);
    expect(full).toEqual(userActor(ada.id, 'admin'));
    expect(full).not.toHaveProperty('scopes');
    await expect(resolver.resolve({ ...claims, scope: 'catalog:write users:read' })).resolves.toEqual(
      userActor(ada.id, 'admin', ['users:read', 'catalog:write']),
    );
    // An empty claim narrows to nothing: the token may do only what needs no permission.
    await expect(resolver.resolve({ ...claims, scope: '' })).resolves.toEqual(userActor(ada.id, 'admin', []));
  });

  it('skips scopes it does not know, as a newer authorization server may grant more than this service knows', async () => {
    const { resolver, ada } = await setup();
    await expect(resolver.resolve({ sub: String(ada.id), ver: 0, scope: 'openid payments:read catalog:read offline_access' })).resolves.toEqual(
      userActor(ada.id, 'admin', ['catalog:read']),
    );
    await expect(resolver.resolve({ sub: String(ada.id), ver: 0, scope: 'payments:read' })).resolves.toEqual(userActor(ada.id, 'admin', []));
  });

  it('refuses a scope claim that is not a string as malformed rather than reading it as no narrowing', async () => {
    const { resolver, ada } = await setup();
    for (const scope of [['users:read'], null, 7, { users: 'read' }]) {
      await expect(resolver.resolve({ sub: String(ada.id), ver: 0, scope: scope as unknown as string })).rejects.toThrow(
        new UnauthenticatedError('The access token is malformed'),
      );
    }
  });

  it('refuses a token issued under an OAuth grant once the grant is gone, and one whose grant id is not a string', async () => {
    const users = new InMemoryUsers();
    const live = new Set(['g1']);
    const grants = { isLive: async (id: string) => live.has(id) } as unknown as ConnectedApps;
    const resolver = new ActorResolver(users, grants);
    const ada = await users.insert({ email: 'ada@example.com', username: 'ada', fullName: null, passwordHash: 'x', role: 'user' });
    await expect(resolver.resolve({ sub: String(ada.id), ver: 0, gid: 'g1' })).resolves.toEqual(userActor(ada.id, 'user'));
    live.delete('g1');
    await expect(resolver.resolve({ sub: String(ada.id), ver: 0, gid: 'g1' })).rejects.toThrow(UnauthenticatedError);
    await expect(resolver.resolve({ sub: String(ada.id), ver: 0, gid: 7 as unknown as string })).rejects.toThrow(UnauthenticatedError);
    // Tokens from a sign-in carry no grant and are not looked up.
    await expect(resolver.resolve({ sub: String(ada.id), ver: 0 })).resolves.toEqual(userActor(ada.id, 'user'));
  });
});
