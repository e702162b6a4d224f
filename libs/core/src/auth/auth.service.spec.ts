import { claimsOf, CountingRefreshSecrets, ReadableAccessTokens, testAudiences } from '../../test/fake-tokens';
import { CountingThrottle, InMemoryRefreshTokens, InMemoryUsers, PlainHasher } from '../../test/fakes';
import { ActorResolver, AuthService, RateLimitedError, UnauthenticatedError, UsersService, userActor } from '../index';

function setup() {
  const users = new InMemoryUsers();
  const refresh = new InMemoryRefreshTokens();
  const hasher = new PlainHasher();
  const throttle = new CountingThrottle(3);
  const auth = new AuthService(users, refresh, new CountingRefreshSecrets(), hasher, new ReadableAccessTokens(), throttle, 3600, testAudiences());
  const accounts = new UsersService(users, refresh, hasher, throttle);
  const resolver = new ActorResolver(users);
  return { users, refresh, auth, accounts, resolver, throttle, hasher };
}

describe('AuthService', () => {
  it('logs in by username or e-mail and gives tokens that resolve to the user', async () => {
    const { auth, accounts, resolver } = setup();
    const ada = await accounts.register(userActor(0, 'user'), { email: 'ada@x.io', username: 'Ada', password: 'Secr3tPass' });
    for (const login of ['ada', 'ADA@x.io']) {
      const tokens = await auth.login({ username: login, password: 'Secr3tPass' }, '1.1.1.1');
      expect(tokens.token_type).toBe('bearer');
      await expect(resolver.resolve(claimsOf(tokens.access_token))).resolves.toEqual(userActor(ada.id, 'user'));
    }
  });

  it('answers wrong password, unknown user and inactive user with the same error', async () => {
    const { auth, accounts, users } = setup();
    await accounts.register(userActor(0, 'user'), { email: 'a@x.io', username: 'alice', password: 'Secr3tPass' });
    await accounts.register(userActor(0, 'user'), { email: 'b@x.io', username: 'bob', password: 'Secr3tPass' });
    await users.deactivateKeepingAnAdmin(2);
    const attempts = [
      auth.login({ username: 'alice', password: 'wrong' }, 'c'),
      auth.login({ username: 'nobody', password: 'Secr3tPass' }, 'c'),
      auth.login({ username: 'bob', password: 'Secr3tPass' }, 'c'),
    ];
    const messages = await Promise.all(
      attempts.map((p) =>
        p.then(
          () => 'ok',
          (e: Error) => `${e.constructor.name}:${e.message}`,
        ),
      ),
    );
    expect(new Set(messages)).toEqual(new Set([`${UnauthenticatedError.name}:Incorrect username or password`]));
  });

  it('throttles an account after repeated failures, even with the right password', async () => {
    const { auth, accounts } = setup();
    await accounts.register(userActor(0, 'user'), { email: 'a@x.io', username: 'alice', password: 'Secr3tPass' });
    for (let i = 0; i < 3; i++) await expect(auth.login({ username: 'alice', password: 'no' }, 'c')).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(auth.login({ username: 'Alice', password: 'Secr3tPass' }, 'c')).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('takes each attempt before checking the password: of guesses sent at once, only the budget is checked', async () => {
    const { auth, accounts, hasher } = setup();
    await accounts.register(userActor(0, 'user'), { email: 'a@x.io', username: 'alice', password: 'Secr3tPass' });
    const verify = jest.spyOn(hasher, 'verify');
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => auth.login({ username: 'alice', password: 'no' }, 'c').catch((e: Error) => e.constructor.name)),
    );
    expect(outcomes.filter((o) => o === UnauthenticatedError.name)).toHaveLength(3);
    expect(outcomes.filter((o) => o === RateLimitedError.name)).toHaveLength(7);
    expect(verify).toHaveBeenCalledTimes(3);
  });

  it('keys the budget by the account the name resolves to: username, e-mail and any case share it', async () => {
    const { auth, accounts } = setup();
    await accounts.register(userActor(0, 'user'), { email: 'ada@x.io', username: 'Ada', password: 'Secr3tPass' });
    for (const name of ['Ada', 'ada@x.io', 'ADA'])
      await expect(auth.login({ username: name, password: 'no' }, 'c')).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(auth.login({ username: 'ada@X.IO', password: 'Secr3tPass' }, 'c')).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('counts a wrong current password against the same budget', async () => {
    const { auth, accounts } = setup();
    const u = await accounts.register(userActor(0, 'user'), { email: 'a@x.io', username: 'alice', password: 'Secr3tPass' });
    const self = userActor(u.id, 'user');
    await expect(auth.login({ username: 'alice', password: 'no' }, 'c')).rejects.toBeInstanceOf(UnauthenticatedError);
    for (let i = 0; i < 2; i++)
      await expect(accounts.update(self, u.id, { password: 'Other1Pass', current_password: 'no' }, 'c')).rejects.toThrow(/current_password/);
    await expect(accounts.update(self, u.id, { password: 'Other1Pass', current_password: 'Secr3tPass' }, 'c')).rejects.toBeInstanceOf(RateLimitedError);
  });

  it('stores only the hash of the refresh token it hands out, one session per sign-in', async () => {
    const { auth, accounts, refresh } = setup();
    await accounts.register(userActor(0, 'user'), { email: 'a@x.io', username: 'alice', password: 'Secr3tPass' });
    const first = await auth.login({ username: 'alice', password: 'Secr3tPass' }, 'c');
    const second = await auth.login({ username: 'alice', password: 'Secr3tPass' }, 'c');
    const rotated = await auth.refresh(first.refresh_token);
    expect(refresh.rows.map((r) => r.tokenHash)).toEqual([first, second, rotated].map((t) => new CountingRefreshSecrets().hash(t.refresh_token)));
    const [a, b, c] = refresh.rows.map((r) => r.familyId);
    expect(a).not.toBe(b);
    expect(c).toBe(a); // a refresh continues the session it came from
  });

  it('rotates refresh tokens and revokes the family when a used one comes back', async () => {
    const { auth, accounts } = setup();
    await accounts.register(userActor(0, 'user'), { email: 'a@x.io', username: 'alice', password: 'Secr3tPass' });
    const first = await auth.login({ username: 'alice', password: 'Secr3tPass' }, 'c');
    const second = await auth.refresh(first.refresh_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    await expect(auth.refresh(first.refresh_token)).rejects.toBeInstanceOf(UnauthenticatedError);
    // the thief's replay also killed the legitimate holder's newer token
    await expect(auth.refresh(second.refresh_token)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('stops access tokens of a user who changed password or was deactivated', async () => {
    const { auth, accounts, resolver } = setup();
    const admin = userActor(99, 'admin');
    const u = await accounts.register(userActor(0, 'user'), { email: 'a@x.io', username: 'alice', password: 'Secr3tPass' });
    const before = claimsOf((await auth.login({ username: 'alice', password: 'Secr3tPass' }, 'c')).access_token);
    await accounts.update(admin, u.id, { password: 'Other1Pass' });
    await expect(resolver.resolve(before)).rejects.toBeInstanceOf(UnauthenticatedError);
    const after = claimsOf((await auth.login({ username: 'alice', password: 'Other1Pass' }, 'c')).access_token);
    await expect(resolver.resolve(after)).resolves.toMatchObject({ userId: u.id });
    await accounts.deactivate(admin, u.id);
    await expect(resolver.resolve(after)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('refuses to refresh a session whose sign-in read the account before its password changed', async () => {
    const { auth, accounts, users } = setup();
    const ada = await accounts.register(userActor(0, 'user'), { email: 'ada@x.io', username: 'ada', password: 'Secr3tPass' });
    const tokens = await auth.login({ username: 'ada', password: 'Secr3tPass' }, 'c');
    // The change committed after the sign-in read the account and before its token was stored: the revocation
    // it ran could not see that token, but the account version it moved on still tells.
    await users.update(ada.id, { passwordHash: 'plain:N3wPassword' });
    await expect(auth.refresh(tokens.refresh_token)).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
