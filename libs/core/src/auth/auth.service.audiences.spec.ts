import { claimsOf, CountingRefreshSecrets, GATEWAY_RESOURCE, ReadableAccessTokens, REST_AUDIENCE, testAudiences } from '../../test/fake-tokens';
import { CountingThrottle, InMemoryRefreshTokens, InMemoryUsers, PlainHasher } from '../../test/fakes';
import { ValidationError } from '../common/errors';
import { AuthService } from './auth.service';
import { TokenAudiences } from './token-audiences';

const PASSWORD = 'Secr3tPass';

async function setup(audiences = testAudiences()) {
  const users = new InMemoryUsers();
  const refreshTokens = new InMemoryRefreshTokens(users);
  const hasher = new PlainHasher();
  const throttle = new CountingThrottle(3);
  const auth = (a: TokenAudiences) =>
    new AuthService(users, refreshTokens, new CountingRefreshSecrets(), hasher, new ReadableAccessTokens(), throttle, 3600, a);
  await users.insert({ email: 'ada@example.com', username: 'ada', fullName: null, passwordHash: await hasher.hash(PASSWORD), role: 'user' });
  return { users, refreshTokens, throttle, auth: auth(audiences), withAudiences: auth };
}

const audienceOf = (tokens: { access_token: string }) => claimsOf(tokens.access_token).aud;

describe('AuthService audiences', () => {
  it('issues for the REST APIs when no resource is named, and for the gateway when its resource URL is', async () => {
    const { auth } = await setup();
    expect(audienceOf(await auth.login({ username: 'ada', password: PASSWORD }, 'c'))).toBe(REST_AUDIENCE);
    expect(audienceOf(await auth.login({ username: 'ada', password: PASSWORD, resource: GATEWAY_RESOURCE }, 'c'))).toBe(GATEWAY_RESOURCE);
  });

  it('refuses a resource no service here is, naming the field, before any password guess is spent', async () => {
    const { auth, throttle, refreshTokens } = await setup();
    for (const resource of ['https://elsewhere.example/mcp', `${GATEWAY_RESOURCE}/`, REST_AUDIENCE, '']) {
      const refusal = auth.login({ username: 'ada', password: PASSWORD, resource }, 'c');
      await expect(refusal).rejects.toBeInstanceOf(ValidationError);
      await expect(refusal).rejects.toMatchObject({
        errors: [{ field: 'resource', rule: 'invalidTarget', message: expect.stringContaining(GATEWAY_RESOURCE) }],
      });
    }
    expect(throttle.takes).toEqual([]);
    expect(refreshTokens.rows).toEqual([]);
  });

  it('keeps a session for the resource it was signed in for, through every rotation', async () => {
    const { auth, refreshTokens } = await setup();
    let gateway = await auth.login({ username: 'ada', password: PASSWORD, resource: GATEWAY_RESOURCE }, 'c');
    let rest = await auth.login({ username: 'ada', password: PASSWORD }, 'c');
    for (let i = 0; i < 2; i++) {
      gateway = await auth.refresh(gateway.refresh_token);
      rest = await auth.refresh(rest.refresh_token);
      expect([audienceOf(gateway), audienceOf(rest)]).toEqual([GATEWAY_RESOURCE, REST_AUDIENCE]);
    }
    expect(refreshTokens.rows.map((r) => r.resource)).toEqual([GATEWAY_RESOURCE, null, GATEWAY_RESOURCE, null, GATEWAY_RESOURCE, null]);
  });

  it('ends a session for a resource that is no longer served here rather than refresh it into another audience', async () => {
    const { withAudiences, refreshTokens } = await setup();
    const before = withAudiences(testAudiences());
    const tokens = await before.login({ username: 'ada', password: PASSWORD, resource: GATEWAY_RESOURCE }, 'c');
    const moved = withAudiences(new TokenAudiences(REST_AUDIENCE, ['https://new.example/mcp']));
    await expect(moved.refresh(tokens.refresh_token)).rejects.toMatchObject({ type: 'unauthenticated' });
    expect(refreshTokens.rows.every((r) => r.revokedAt !== null)).toBe(true);
  });
});
