import { PASSWORD, accountServices } from '../../test/account-services';
import { claimsOf, REST_AUDIENCE } from '../../test/fake-tokens';
import { UnauthenticatedError } from '../common/errors';

describe('AuthService sessions', () => {
  it("answers a sign-in with the issuer's access token and a refresh token stored only as its hash", async () => {
    const { auth, refreshTokens, secrets, seed } = accountServices({ refreshTtlSeconds: 3600 });
    const ada = await seed('ada');
    const before = Date.now();
    const tokens = await auth.login({ username: 'ada', password: PASSWORD }, '192.0.2.1');
    expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 900 });
    expect(claimsOf(tokens.access_token)).toEqual({ sub: String(ada.id), role: 'user', ver: 0, aud: REST_AUDIENCE });
    expect(tokens.refresh_token).toBe('refresh-1'); // from the secrets port; its real format has the adapter's spec
    const [stored] = refreshTokens.rows;
    expect(stored).toMatchObject({ userId: ada.id, tokenHash: secrets.hash(tokens.refresh_token), tokenVersion: 0, usedAt: null });
    expect(JSON.stringify(refreshTokens.rows)).not.toContain(tokens.refresh_token);
    expect(stored.expiresAt.getTime() - before).toBeGreaterThanOrEqual(3_600_000);
    expect(stored.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(3_600_000);
  });

  it('starts a session per sign-in, and keeps it across rotations', async () => {
    const { auth, refreshTokens, seed, signIn } = accountServices();
    await seed('ada');
    const phone = await signIn('ada');
    const laptop = await signIn('ada');
    await auth.refresh(phone.refresh_token);
    const [first, second, rotated] = refreshTokens.rows;
    expect(first.familyId).not.toBe(second.familyId);
    expect(rotated.familyId).toBe(first.familyId);
    expect(first.usedAt).not.toBeNull();
    await expect(auth.refresh(laptop.refresh_token)).resolves.toMatchObject({ token_type: 'bearer' });
  });

  it('treats a used refresh token coming back as theft: that session ends, the others stay', async () => {
    const { auth, refreshTokens, secrets, seed, signIn } = accountServices();
    const ada = await seed('ada');
    const stolen = await signIn('ada');
    const other = await signIn('ada');
    const rotated = await auth.refresh(stolen.refresh_token);
    await expect(auth.refresh(stolen.refresh_token)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(auth.refresh(rotated.refresh_token)).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(refreshTokens.liveFor(ada.id).map((r) => r.tokenHash)).toEqual([secrets.hash(other.refresh_token)]);
  });

  it('refuses an unknown or expired refresh token without revoking anything', async () => {
    const { auth, refreshTokens, seed, signIn } = accountServices();
    await seed('ada');
    const tokens = await signIn('ada');
    await expect(auth.refresh('not-a-token')).rejects.toThrow(new UnauthenticatedError('The refresh token is not valid; sign in again'));
    refreshTokens.rows[0].expiresAt = new Date(Date.now() - 1);
    await expect(auth.refresh(tokens.refresh_token)).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(refreshTokens.rows.every((r) => r.revokedAt === null)).toBe(true);
  });

  it('refuses a refresh for an account deactivated since sign-in', async () => {
    const { auth, users, seed, signIn } = accountServices();
    const ada = await seed('ada');
    await seed('root', 'admin');
    const tokens = await signIn('ada');
    await users.deactivateKeepingAnAdmin(ada.id);
    await expect(auth.refresh(tokens.refresh_token)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('ends the session when the account changes between using up the token and reading the account', async () => {
    const { auth, users, refreshTokens, seed, signIn } = accountServices();
    const ada = await seed('ada');
    await seed('root', 'admin');
    const tokens = await signIn('ada');
    // The deactivation commits right after consume's guarded update, which therefore could not see it.
    const consume = refreshTokens.consume.bind(refreshTokens);
    jest.spyOn(refreshTokens, 'consume').mockImplementationOnce(async (hash) => {
      const record = await consume(hash);
      await users.deactivateKeepingAnAdmin(ada.id);
      return record;
    });
    await expect(auth.refresh(tokens.refresh_token)).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(refreshTokens.rows.filter((r) => r.userId === ada.id)).toEqual([expect.objectContaining({ revokedAt: expect.any(Date) })]);
  });

  it('signs out one session: its refresh token stops working, other sessions keep theirs', async () => {
    const { auth, refreshTokens, secrets, seed, signIn } = accountServices();
    const ada = await seed('ada');
    const phone = await signIn('ada');
    const laptop = await signIn('ada');
    await auth.logout(phone.refresh_token);
    await expect(auth.refresh(phone.refresh_token)).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(refreshTokens.liveFor(ada.id).map((r) => r.tokenHash)).toEqual([secrets.hash(laptop.refresh_token)]);
  });

  it('treats signing out twice, or with an unknown token, as done', async () => {
    const { auth, seed, signIn } = accountServices();
    await seed('ada');
    const tokens = await signIn('ada');
    await auth.logout(tokens.refresh_token);
    await expect(auth.logout(tokens.refresh_token)).resolves.toBeUndefined();
    await expect(auth.logout('never-issued')).resolves.toBeUndefined();
  });
});

describe('AuthService sign-in checks', () => {
  it('checks an unknown name against the dummy hash, so it costs what a real check costs', async () => {
    const { auth, hasher } = accountServices();
    const verify = jest.spyOn(hasher, 'verify');
    await expect(auth.login({ username: 'nobody', password: PASSWORD }, 'c')).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(verify).toHaveBeenCalledWith(await hasher.dummyHash(), PASSWORD);
  });

  it('issues nothing to an inactive account, even with the right password', async () => {
    const { auth, users, refreshTokens, seed } = accountServices();
    const ada = await seed('ada');
    await users.deactivateKeepingAnAdmin(ada.id);
    await expect(auth.login({ username: 'ada', password: PASSWORD }, 'c')).rejects.toBeInstanceOf(UnauthenticatedError);
    expect(refreshTokens.rows).toEqual([]);
  });

  it('keys the sign-in budget by the account a name resolves to, or by the lower-cased name, and the caller address', async () => {
    const { auth, throttle, seed } = accountServices();
    const ada = await seed('ada');
    await auth.login({ username: 'ADA@example.com', password: 'guess' }, '192.0.2.1').catch(() => undefined);
    await auth.login({ username: 'NoBody', password: 'guess' }, '192.0.2.2').catch(() => undefined);
    expect(throttle.takes).toEqual([
      { account: `user:${ada.id}`, client: '192.0.2.1' },
      { account: 'name:nobody', client: '192.0.2.2' },
    ]);
  });

  it('puts the account version into the access token, so a later password change can stop it', async () => {
    const { auth, users, seed } = accountServices();
    const ada = await seed('ada');
    await users.update(ada.id, { passwordHash: `plain:${PASSWORD}` });
    const tokens = await auth.login({ username: 'ada', password: PASSWORD }, 'c');
    expect(claimsOf(tokens.access_token).ver).toBe(1);
  });
});
