import { AuthService, type Role, UsersService } from '../src';
import { CountingRefreshSecrets, ReadableAccessTokens, testAudiences } from './fake-tokens';
import { CountingThrottle, InMemoryRefreshTokens, InMemoryUsers, PlainHasher } from './fakes';

export const PASSWORD = 'Secr3tPass';

/** UsersService and AuthService over one set of in-memory ports, as users-api wires them over PostgreSQL. */
export function accountServices({ maxFailures = 3, refreshTtlSeconds = 3600 } = {}) {
  const users = new InMemoryUsers();
  const refreshTokens = new InMemoryRefreshTokens(users);
  const hasher = new PlainHasher();
  const throttle = new CountingThrottle(maxFailures);
  const secrets = new CountingRefreshSecrets();
  const accounts = new UsersService(users, refreshTokens, hasher, throttle);
  const auth = new AuthService(users, refreshTokens, secrets, hasher, new ReadableAccessTokens(), throttle, refreshTtlSeconds, testAudiences());
  /** An account put straight into the repository: a fixture, so a spec exercises only the rule it is about. */
  const seed = async (username: string, role: Role = 'user') =>
    users.insert({ email: `${username}@example.com`, username, fullName: null, passwordHash: await hasher.hash(PASSWORD), role });
  /** Signs the account in, leaving one live refresh token: a session a change can be seen to end. */
  const signIn = (username: string) => auth.login({ username, password: PASSWORD }, '192.0.2.1');
  return { users, refreshTokens, secrets, hasher, throttle, accounts, auth, seed, signIn };
}
