import { withAuthenticatedAccount } from './authenticated-account';
import { UnauthenticatedError } from '../common/errors';
import type { UsersRepository } from '../users/users.repository';
import type { AccessClaims } from './access-tokens';
import { userActor, type UserActor } from './actor';
import type { ConnectedApps } from './connected-apps';
import { parseScopes } from './scopes';

/**
 * Turns the claims of a signature-checked access token into an Actor, on every request: a deactivated user,
 * or a token older than the user's last password change, is refused at once rather than at expiry.
 * The role comes from the database, so a demotion takes effect immediately too; the token's `scope` claim,
 * when it has one, narrows that role (scopes the vocabulary does not know are skipped: see parseScopes).
 */
export class ActorResolver {
  constructor(
    private readonly users: UsersRepository,
    /** Where an OAuth grant's standing is read; a token issued under a grant (`gid`) dies with it. */
    private readonly grants?: ConnectedApps,
  ) {}

  async resolve(claims: Pick<AccessClaims, 'sub' | 'ver' | 'scope' | 'gid' | 'client_id'>): Promise<UserActor> {
    const id = Number(claims.sub);
    // A scope claim that is not a string cannot be read as a narrowing, and must not be read as none.
    if (
      !Number.isSafeInteger(id) ||
      id <= 0 ||
      !Number.isInteger(claims.ver) ||
      (claims.scope !== undefined && typeof claims.scope !== 'string') ||
      (claims.client_id !== undefined && typeof claims.client_id !== 'string')
    ) {
      throw new UnauthenticatedError('The access token is malformed');
    }
    const state = await this.users.findAuthState(id);
    if (!state || !state.isActive || state.tokenVersion !== claims.ver) {
      throw new UnauthenticatedError('The access token is no longer valid; sign in again');
    }
    // A disconnected app's tokens stop at once, not when they expire.
    if (claims.gid !== undefined && !(typeof claims.gid === 'string' && (await this.grants?.isLive(claims.gid)))) {
      throw new UnauthenticatedError('The access token is no longer valid; sign in again');
    }
    return withAuthenticatedAccount(
      userActor(state.id, state.role, claims.scope === undefined ? undefined : parseScopes(claims.scope), claims.client_id),
      state,
    );
  }
}
