import { accountServices } from '../../test/account-services';
import { userActor } from '../auth/actor';
import { ForbiddenError, InsufficientScopeError } from '../common/errors';
import { ListUsersQuery } from './dto/list-users.query';

describe('UsersService with a narrowed token', () => {
  it('answers /me only to a token with users:read, since reading yourself is user:read-self', async () => {
    const { accounts, seed } = accountServices();
    const ada = await seed('ada');
    await expect(accounts.me(userActor(ada.id, 'user', ['users:read']))).resolves.toMatchObject({ username: 'ada' });
    await expect(accounts.me(userActor(ada.id, 'user', ['users:write', 'catalog:read']))).rejects.toMatchObject({
      type: 'insufficient-scope',
      scope: 'users:read',
    });
    await expect(accounts.get(userActor(ada.id, 'user', []), ada.id)).rejects.toBeInstanceOf(InsufficientScopeError);
  });

  it('lets a users:read admin token read and list accounts but not change them', async () => {
    const { accounts, seed } = accountServices();
    const root = await seed('root', 'admin');
    const bo = await seed('bo');
    const reader = userActor(root.id, 'admin', ['users:read']);
    await expect(accounts.get(reader, bo.id)).resolves.toMatchObject({ username: 'bo' });
    await expect(accounts.list(reader, new ListUsersQuery())).resolves.toMatchObject({ total: 2 });
    await expect(accounts.stats(reader)).resolves.toMatchObject({ total: 2 });
    await expect(accounts.update(reader, bo.id, { full_name: 'Bo' })).rejects.toMatchObject({ type: 'insufficient-scope', scope: 'users:write' });
    await expect(accounts.setRole(reader, bo.id, { role: 'admin' })).rejects.toBeInstanceOf(InsufficientScopeError);
    await expect(accounts.deactivate(reader, bo.id)).rejects.toBeInstanceOf(InsufficientScopeError);
    await expect(accounts.create(reader, { email: 'cy@example.com', username: 'cy', password: 'Secr3tPass' }, 'user')).rejects.toBeInstanceOf(
      InsufficientScopeError,
    );
    await expect(accounts.get(userActor(root.id, 'admin'), bo.id)).resolves.toMatchObject({ full_name: null, role: 'user', is_active: true });
  });

  it('lets a users:write token change its own account, and still refuses a plain user another account by role', async () => {
    const { accounts, seed } = accountServices();
    const ada = await seed('ada');
    const bo = await seed('bo');
    const writer = userActor(ada.id, 'user', ['users:write']);
    await expect(accounts.update(writer, ada.id, { full_name: 'Ada L.' })).resolves.toMatchObject({ full_name: 'Ada L.' });
    const refusal = accounts.update(writer, bo.id, { full_name: 'Mallory' });
    await expect(refusal).rejects.toThrow(new ForbiddenError('Your role (user) may not do this'));
    await expect(refusal).rejects.not.toBeInstanceOf(InsufficientScopeError);
  });
});
