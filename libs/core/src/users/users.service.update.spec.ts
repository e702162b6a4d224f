import { PASSWORD, accountServices } from '../../test/account-services';
import { ANONYMOUS, userActor } from '../auth/actor';
import { ConflictError, ForbiddenError, NotFoundError, RateLimitedError, UnauthenticatedError, ValidationError } from '../common/errors';

async function withAda() {
  const services = accountServices();
  const admin = await services.seed('root', 'admin');
  const ada = await services.seed('ada');
  await services.signIn('ada');
  return { ...services, admin: userActor(admin.id, 'admin'), ada, self: userActor(ada.id, 'user') };
}

describe('UsersService.update', () => {
  it('lets users change their own name and e-mail, keeping their sessions', async () => {
    const { accounts, refreshTokens, ada, self } = await withAda();
    await expect(accounts.update(self, ada.id, { full_name: 'Ada L.', email: 'ada@lovelace.dev' })).resolves.toMatchObject({
      full_name: 'Ada L.',
      email: 'ada@lovelace.dev',
    });
    expect(refreshTokens.liveFor(ada.id)).toHaveLength(1);
  });

  it("refuses to change someone else's account, and a guest's own, leaving them as they were", async () => {
    const { accounts, users, seed, ada, self } = await withAda();
    const bo = await seed('bo');
    const guest = await seed('visitor', 'guest');
    await expect(accounts.update(self, bo.id, { full_name: 'Mallory' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(accounts.update(userActor(guest.id, 'guest'), guest.id, { full_name: 'Me' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(accounts.update(ANONYMOUS, ada.id, { full_name: 'Anon' })).rejects.toBeInstanceOf(UnauthenticatedError);
    expect((await users.findById(bo.id))?.fullName).toBeNull();
    expect((await users.findById(guest.id))?.fullName).toBeNull();
  });

  it('refuses an e-mail another account has, whatever its case', async () => {
    const { accounts, ada, self } = await withAda();
    const error = await accounts.update(self, ada.id, { email: 'ROOT@example.com' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ extensions: { field: 'email' } });
  });

  it('answers 404 to an admin updating an unknown account', async () => {
    const { accounts, admin } = await withAda();
    await expect(accounts.update(admin, 999, { full_name: 'Nobody' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('asks for the current password to change your own, and keeps the old one when it is wrong', async () => {
    const { accounts, users, ada, self } = await withAda();
    await expect(accounts.update(self, ada.id, { password: 'N3wPassword' })).rejects.toMatchObject({
      errors: [{ field: 'current_password', rule: 'required' }],
    });
    const wrong = await accounts.update(self, ada.id, { password: 'N3wPassword', current_password: 'guess' }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ValidationError);
    expect(wrong).toMatchObject({ errors: [{ field: 'current_password', rule: 'matchesCurrent' }] });
    expect(await users.findById(ada.id)).toMatchObject({ passwordHash: `plain:${PASSWORD}`, tokenVersion: 0 });
  });

  it('ends every session and every access token when you change your own password', async () => {
    const { accounts, users, refreshTokens, signIn, ada, self } = await withAda();
    await signIn('ada');
    await accounts.update(self, ada.id, { password: 'N3wPassword', current_password: PASSWORD });
    expect(await users.findById(ada.id)).toMatchObject({ passwordHash: 'plain:N3wPassword', tokenVersion: 1 });
    expect(refreshTokens.liveFor(ada.id)).toEqual([]);
  });

  it("lets an admin reset someone's password without knowing it, ending that account's sessions only", async () => {
    const { accounts, users, refreshTokens, signIn, admin, ada } = await withAda();
    await signIn('root');
    await accounts.update(admin, ada.id, { password: 'Res3tPassword' });
    expect(await users.findById(ada.id)).toMatchObject({ passwordHash: 'plain:Res3tPassword', tokenVersion: 1 });
    expect(refreshTokens.liveFor(ada.id)).toEqual([]);
    expect(refreshTokens.liveFor(admin.userId)).toHaveLength(1);
  });

  it('draws current-password checks from the sign-in budget of the account, keyed by address or else by the caller', async () => {
    const { accounts, throttle, ada, self } = await withAda();
    throttle.takes.length = 0;
    await accounts.update(self, ada.id, { password: 'N3wPassword', current_password: 'guess' }, '198.51.100.7').catch(() => undefined);
    await accounts.update(self, ada.id, { password: 'N3wPassword', current_password: 'guess' }).catch(() => undefined);
    expect(throttle.takes).toEqual([
      { account: `user:${ada.id}`, client: '198.51.100.7' },
      { account: `user:${ada.id}`, client: `actor:${ada.id}` },
    ]);
    await accounts.update(self, ada.id, { password: 'N3wPassword', current_password: 'guess' }).catch(() => undefined);
    await expect(accounts.update(self, ada.id, { password: 'N3wPassword', current_password: PASSWORD })).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('gives the attempt back when the current password is right', async () => {
    const { accounts, throttle, ada, self } = await withAda();
    await accounts.update(self, ada.id, { password: 'N3wPassword', current_password: 'guess' }).catch(() => undefined);
    await accounts.update(self, ada.id, { password: 'N3wPassword', current_password: PASSWORD });
    expect(throttle.taken.get(`user:${ada.id}`)).toBeUndefined();
  });
});
