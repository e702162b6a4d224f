import { UnauthenticatedError } from '../common/errors';
import type { User } from '../users/user';
import type { UsersRepository } from '../users/users.repository';
import type { AccessTokenIssuer } from './access-tokens';
import type { LoginDto } from './dto/login.dto';
import { loginAccountKey, type LoginThrottle } from './login-throttle';
import type { PasswordHasher } from './password-hasher';
import type { RefreshTokenSecrets, RefreshTokensRepository } from './refresh-tokens';
import type { TokenAudiences } from './token-audiences';
import type { TokenResponseView } from './token-response.view';

const BAD_CREDENTIALS = 'Incorrect username or password';
const BAD_REFRESH = 'The refresh token is not valid; sign in again';

export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly secrets: RefreshTokenSecrets,
    private readonly hasher: PasswordHasher,
    private readonly accessTokens: AccessTokenIssuer,
    private readonly throttle: LoginThrottle,
    private readonly refreshTtlSeconds: number,
    private readonly audiences: TokenAudiences,
  ) {}

  /**
   * Unknown user, wrong password and inactive user fail alike and cost one argon2 verification each,
   * so neither the answer nor its timing tells which accounts exist. The attempt is taken from the throttle's
   * budgets before the password is checked, so a burst of guesses sent at once cannot outrun them. An unknown
   * resource is refused first (400), before any guess is spent.
   */
  async login({ username, password, resource: requested }: LoginDto, client: string): Promise<TokenResponseView> {
    const resource = requested ?? null;
    const audience = this.audiences.requireAudienceFor(resource);
    const user = await this.authenticate({ username, password }, client);
    return this.issue(user, this.secrets.newFamilyId(), { resource, audience });
  }

  /** The password check of every sign-in (the REST login and the OAuth sign-in page alike): the active user, or a refusal. */
  async authenticate({ username, password }: Pick<LoginDto, 'username' | 'password'>, client: string): Promise<User> {
    const user = await this.users.findByLogin(username);
    const keys = { account: loginAccountKey(user, username), client };
    const passed = await this.throttle.attempt(keys, async () => {
      const matches = await this.hasher.verify(user?.passwordHash ?? (await this.hasher.dummyHash()), password);
      return matches && !!user?.isActive;
    });
    if (!passed || !user) throw new UnauthenticatedError(BAD_CREDENTIALS);
    return user;
  }

  /**
   * Rotates: the presented token is used up and a new one of the same family returned. Presenting a token
   * that was already used means it leaked (or was replayed), so the whole family is revoked, in one statement;
   * a token the winner of a race inserts after that still dies, as consume refuses tokens of a revoked family.
   * The new tokens are for the resource the session was signed in for, so a gateway session stays one.
   */
  async refresh(refreshToken: string): Promise<TokenResponseView> {
    const hash = this.secrets.hash(refreshToken);
    const consumed = await this.refreshTokens.consume(hash);
    if (!consumed) {
      await this.refreshTokens.revokeFamilyOfUsed(hash);
      throw new UnauthenticatedError(BAD_REFRESH);
    }
    const user = await this.users.findById(consumed.userId);
    // consume checked the version too; this covers a password change committed between that and this read.
    // A session for a resource no longer served here (the gateway moved) cannot be refreshed into a usable token.
    const audience = this.audiences.audienceFor(consumed.resource);
    if (!user?.isActive || user.tokenVersion !== consumed.tokenVersion || audience === null) {
      await this.refreshTokens.revokeFamily(consumed.familyId);
      throw new UnauthenticatedError(BAD_REFRESH);
    }
    return this.issue(user, consumed.familyId, { resource: consumed.resource, audience });
  }

  /** Ends the session the token belongs to. Unknown tokens are ignored: logging out twice is not an error. */
  async logout(refreshToken: string): Promise<void> {
    await this.refreshTokens.revokeFamilyOf(this.secrets.hash(refreshToken));
  }

  private async issue(user: User, familyId: string, { resource, audience }: { resource: string | null; audience: string }): Promise<TokenResponseView> {
    const access = this.accessTokens.issue(user, { audience });
    const refresh = this.secrets.create();
    await this.refreshTokens.create({
      userId: user.id,
      familyId,
      tokenHash: refresh.hash,
      tokenVersion: user.tokenVersion,
      resource,
      expiresAt: new Date(Date.now() + this.refreshTtlSeconds * 1000),
    });
    return { access_token: access.token, token_type: 'bearer', expires_in: access.expiresIn, refresh_token: refresh.token };
  }
}
