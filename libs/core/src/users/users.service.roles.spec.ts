import { accountServices } from '../../test/account-services';
import { ANONYMOUS, userActor } from '../auth/actor';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../common/errors';

async function withAdmin() {
  const services = accountServices();
  const root = await services.seed('root', 'admin');
  const ada = await services.seed('ada');
  await services.signIn('root');
  await services.signIn('ada');
  return { ...services, root, admin: userActor(root.id, 'admin'), ada };
}

describe('UsersService roles', () => {
  it("changes a role for admins, ending that user's sessions so they sign in under the new one", async () => {
    const { accounts, refreshTokens, admin, ada } = await withAdmin();
    await expect(accounts.setRole(admin, ada.id, { role: 'admin' })).resolves.toMatchObject({ id: ada.id, role: 'admin' });
    expect(refreshTokens.liveFor(ada.id)).toEqual([]);
    expect(refreshTokens.liveFor(admin.userId)).toHaveLength(1);
  });

  it('keeps role changes from everyone else, changing nothing', async () => {
    const { accounts, users, refreshTokens, ada } = await withAdmin();
    await expect(accounts.setRole(userActor(ada.id, 'user'), ada.id, { role: 'admin' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(accounts.setRole(ANONYMOUS, ada.id, { role: 'admin' })).rejects.toBeInstanceOf(UnauthenticatedError);
    expect((await users.findById(ada.id))?.role).toBe('user');
    expect(refreshTokens.liveFor(ada.id)).toHaveLength(1);
  });

  it('never demotes the last active admin, itself included, and keeps its sessions', async () => {
    const { accounts, users, refreshTokens, admin, root } = await withAdmin();
    await expect(accounts.setRole(admin, root.id, { role: 'user' })).rejects.toThrow(/last active admin/);
    expect((await users.findById(root.id))?.role).toBe('admin');
    expect(refreshTokens.liveFor(root.id)).toHaveLength(1);
    // staying an admin takes no admin away, so the guard lets it through
    await expect(accounts.setRole(admin, root.id, { role: 'admin' })).resolves.toMatchObject({ role: 'admin' });
  });

  it('counts only active admins as the one that must remain', async () => {
    const { accounts, users, seed, admin, root } = await withAdmin();
    const dormant = await seed('dormant', 'admin');
    await users.deactivateKeepingAnAdmin(dormant.id);
    await expect(accounts.setRole(admin, root.id, { role: 'user' })).rejects.toBeInstanceOf(ForbiddenError);
    await seed('deputy', 'admin');
    await expect(accounts.setRole(admin, root.id, { role: 'guest' })).resolves.toMatchObject({ role: 'guest' });
  });

  it('answers 404 for an unknown account', async () => {
    const { accounts, admin } = await withAdmin();
    await expect(accounts.setRole(admin, 999, { role: 'user' })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('UsersService.deactivate', () => {
  it("deactivates for admins, moving the account's token version on and ending its sessions", async () => {
    const { accounts, users, refreshTokens, admin, ada } = await withAdmin();
    await accounts.deactivate(admin, ada.id);
    expect(await users.findById(ada.id)).toMatchObject({ isActive: false, tokenVersion: 1 });
    expect(refreshTokens.liveFor(ada.id)).toEqual([]);
  });

  it('keeps deactivation from everyone else', async () => {
    const { accounts, users, seed, ada } = await withAdmin();
    const bo = await seed('bo');
    await expect(accounts.deactivate(userActor(ada.id, 'user'), bo.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(accounts.deactivate(ANONYMOUS, bo.id)).rejects.toBeInstanceOf(UnauthenticatedError);
    expect((await users.findById(bo.id))?.isActive).toBe(true);
  });

  it('never deactivates the last active admin, but lets an admin leave once another remains', async () => {
    const { accounts, users, refreshTokens, seed, admin, root } = await withAdmin();
    await expect(accounts.deactivate(admin, root.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await users.findById(root.id)).toMatchObject({ isActive: true, tokenVersion: 0 });
    expect(refreshTokens.liveFor(root.id)).toHaveLength(1);
    await seed('deputy', 'admin');
    await accounts.deactivate(admin, root.id);
    expect((await users.findById(root.id))?.isActive).toBe(false);
  });

  it('answers 404 for an unknown account', async () => {
    const { accounts, admin } = await withAdmin();
    await expect(accounts.deactivate(admin, 999)).rejects.toBeInstanceOf(NotFoundError);
  });
});
