import { InMemoryUsers } from '../../test/fakes';
import { UnauthenticatedError } from '../common/errors';
import { userActor } from './actor';
import { ActorResolver } from './actor-resolver';

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
});
