import { PASSWORD, accountServices } from '../../test/account-services';
import { ANONYMOUS, systemActor, userActor } from '../auth/actor';
import { ConflictError, ForbiddenError, UnauthenticatedError } from '../common/errors';

const signUp = { email: 'ada@example.com', username: 'Ada', password: PASSWORD };

describe('UsersService registration and account creation', () => {
  it('registers anyone as a plain user, storing only the hash and showing no secret', async () => {
    const { accounts, users } = accountServices();
    const view = await accounts.register(ANONYMOUS, signUp);
    expect(Object.keys(view).sort()).toEqual(['created_at', 'email', 'full_name', 'id', 'is_active', 'is_verified', 'role', 'updated_at', 'username']);
    expect(view).toMatchObject({ email: 'ada@example.com', username: 'Ada', full_name: null, role: 'user', is_active: true, is_verified: false });
    expect((await users.findById(view.id))?.passwordHash).toBe(`plain:${PASSWORD}`);
  });

  it('registers a plain user even when an admin signs up someone', async () => {
    const { accounts } = accountServices();
    await expect(accounts.register(userActor(1, 'admin'), signUp)).resolves.toMatchObject({ role: 'user' });
  });

  it('refuses an e-mail or username already taken, ignoring case, naming the field', async () => {
    const { accounts, users } = accountServices();
    await accounts.register(ANONYMOUS, signUp);
    const byEmail = await accounts.register(ANONYMOUS, { ...signUp, email: 'ADA@example.com', username: 'other' }).catch((e: unknown) => e);
    expect(byEmail).toBeInstanceOf(ConflictError);
    expect(byEmail).toMatchObject({ extensions: { field: 'email' } });
    const byUsername = await accounts.register(ANONYMOUS, { ...signUp, email: 'other@example.com', username: 'ada' }).catch((e: unknown) => e);
    expect(byUsername).toBeInstanceOf(ConflictError);
    expect(byUsername).toMatchObject({ extensions: { field: 'username' } });
    expect(users.rows).toHaveLength(1);
  });

  it('creates an account with the role an admin or the platform chooses', async () => {
    const { accounts } = accountServices();
    await expect(accounts.create(userActor(1, 'admin'), signUp, 'guest')).resolves.toMatchObject({ role: 'guest' });
    await expect(accounts.create(systemActor('create-admin CLI'), { ...signUp, email: 'root@example.com', username: 'root' }, 'admin')).resolves.toMatchObject({
      role: 'admin',
    });
  });

  it('keeps account creation from users and signed-out callers, storing nothing', async () => {
    const { accounts, users } = accountServices();
    await expect(accounts.create(userActor(1, 'user'), signUp, 'admin')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(accounts.create(ANONYMOUS, signUp, 'user')).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(users.rows).toHaveLength(0);
  });
});
