import { accountServices } from '../../test/account-services';
import { ANONYMOUS, userActor } from '../auth/actor';
import { ActorResolver } from '../auth/actor-resolver';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../common/errors';
import { ListUsersQuery } from './dto/list-users.query';

const query = (fields: Partial<ListUsersQuery> = {}) => Object.assign(new ListUsersQuery(), fields);

describe('UsersService reads', () => {
  it('answers /me for the signed-in user, and 401 for a signed-out caller or an account gone since sign-in', async () => {
    const { accounts, seed } = accountServices();
    const ada = await seed('ada');
    await expect(accounts.me(userActor(ada.id, 'user'))).resolves.toMatchObject({ id: ada.id, username: 'ada' });
    await expect(accounts.me(ANONYMOUS)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(accounts.me(userActor(999, 'user'))).rejects.toThrow(new UnauthenticatedError('Your account no longer exists'));
  });

  it('answers /me from the account read when the request was authenticated, without reading it again', async () => {
    const { accounts, seed, users } = accountServices();
    const ada = await seed('ada');
    const actor = await new ActorResolver(users).resolve({ sub: String(ada.id), ver: 0 });
    const reads = jest.spyOn(users, 'findById');

    await expect(accounts.me(actor)).resolves.toMatchObject({ id: ada.id, username: 'ada' });
    expect(reads).not.toHaveBeenCalled();
  });

  it('lets users read themselves and admins anyone; to others an account is forbidden, not missing', async () => {
    const { accounts, seed } = accountServices();
    const admin = await seed('root', 'admin');
    const ada = await seed('ada');
    const bo = await seed('bo');
    await expect(accounts.get(userActor(ada.id, 'user'), ada.id)).resolves.toMatchObject({ username: 'ada' });
    await expect(accounts.get(userActor(admin.id, 'admin'), bo.id)).resolves.toMatchObject({ username: 'bo' });
    // 403 for an existing and an unknown id alike, so a user cannot probe which ids exist
    await expect(accounts.get(userActor(ada.id, 'user'), bo.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(accounts.get(userActor(ada.id, 'user'), 999)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(accounts.get(userActor(admin.id, 'admin'), 999)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lists for admins only', async () => {
    const { accounts, seed } = accountServices();
    await seed('ada');
    await expect(accounts.list(userActor(1, 'user'), query())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(accounts.list(ANONYMOUS, query())).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('pages by 20 from the start when no paging is given, counting every match in the total', async () => {
    const { accounts, seed } = accountServices();
    for (let i = 0; i < 25; i++) await seed(`user${i}`);
    const page = await accounts.list(userActor(1, 'admin'), query());
    expect(page).toMatchObject({ skip: 0, limit: 20, total: 25 });
    expect(page.items).toHaveLength(20);
    expect(page.items[0]).not.toHaveProperty('passwordHash');
    await expect(accounts.list(userActor(1, 'admin'), query({ skip: 20 }))).resolves.toMatchObject({ total: 25, items: { length: 5 } });
  });

  it('passes role, activity and search to the repository, and treats a blank search as none', async () => {
    const { accounts, users } = accountServices();
    const list = jest.spyOn(users, 'list');
    await accounts.list(userActor(1, 'admin'), query({ role: 'guest', is_active: false, search: 'ada', skip: 5, limit: 10 }));
    expect(list).toHaveBeenLastCalledWith({ role: 'guest', isActive: false, search: 'ada', skip: 5, limit: 10 });
    await accounts.list(userActor(1, 'admin'), query({ search: '' }));
    expect(list).toHaveBeenLastCalledWith(expect.objectContaining({ search: undefined }));
  });

  it('counts accounts by role and activity for admins', async () => {
    const { accounts, users, seed } = accountServices();
    await seed('root', 'admin');
    await seed('ada');
    await seed('guest1', 'guest');
    const bo = await seed('bo');
    await users.deactivateKeepingAnAdmin(bo.id);
    await expect(accounts.stats(userActor(1, 'admin'))).resolves.toEqual({ total: 4, active: 3, inactive: 1, by_role: { admin: 1, user: 2, guest: 1 } });
    await expect(accounts.stats(userActor(2, 'user'))).rejects.toBeInstanceOf(ForbiddenError);
  });
});
