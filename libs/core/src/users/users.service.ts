import { authenticatedAccount } from '../auth/authenticated-account';
import type { Actor, UserActor } from '../auth/actor';
import { loginAccountKey, type LoginThrottle } from '../auth/login-throttle';
import { assertCan, assertSignedIn } from '../auth/permissions';
import type { PasswordHasher } from '../auth/password-hasher';
import type { RefreshTokensRepository } from '../auth/refresh-tokens';
import { NotFoundError, UnauthenticatedError, ValidationError } from '../common/errors';
import type { Page } from '../common/pagination';
import type { CreateUserDto } from './dto/create-user.dto';
import type { ListUsersQuery } from './dto/list-users.query';
import type { SetRoleDto } from './dto/set-role.dto';
import type { UpdateUserDto } from './dto/update-user.dto';
import type { User } from './user';
import { toUserView, type UserView } from './user.view';
import type { GuardedChange, UserChanges, UsersRepository } from './users.repository';
import { assertCanDeactivate, assertCanReadUser, assertCanSetRole, assertCanUpdateUser, lastAdminError } from './users.policy';

export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
  ) {}

  /** Self-service sign-up: anyone may register, always as a plain user. */
  register(_actor: Actor, dto: CreateUserDto): Promise<UserView> {
    return this.createWithRole(dto, 'user');
  }

  /** Used by the admin CLI and admin tools; the caller decides the role, the actor must be allowed to create users. */
  async create(actor: Actor, dto: CreateUserDto, role: SetRoleDto['role']): Promise<UserView> {
    assertCan(actor, 'user:create');
    return this.createWithRole(dto, role);
  }

  async me(actor: Actor): Promise<UserView> {
    assertSignedIn(actor);
    // Every role may read itself; the permission is asked so that a token narrowed away from it may not.
    assertCan(actor, 'user:read-self');
    // Read when this request was authenticated, a moment ago; read again only for an actor made otherwise.
    const user = authenticatedAccount(actor) ?? (await this.users.findById(actor.userId));
    // The token was valid a moment ago; a user gone since then is no longer signed in.
    if (!user) throw new UnauthenticatedError('Your account no longer exists');
    return toUserView(user);
  }

  async get(actor: Actor, id: number): Promise<UserView> {
    assertCanReadUser(actor, id);
    return toUserView(await this.require(id));
  }

  async list(actor: Actor, query: ListUsersQuery): Promise<Page<UserView>> {
    assertCan(actor, 'user:list');
    const page = await this.users.list({
      role: query.role,
      isActive: query.is_active,
      search: query.search || undefined,
      skip: query.skip,
      limit: query.limit,
    });
    return { ...page, items: page.items.map(toUserView) };
  }

  /** `client` is the caller's address when the transport knows it; it keys the current-password budget. */
  async update(actor: Actor, id: number, dto: UpdateUserDto, client?: string): Promise<UserView> {
    assertCanUpdateUser(actor, id, dto);
    const user = await this.require(id);
    const changes: UserChanges = { email: dto.email, fullName: dto.full_name };
    if (dto.password !== undefined) {
      if (actor.kind === 'user' && actor.userId === id) await this.assertCurrentPassword(actor, user, dto.current_password ?? '', client);
      changes.passwordHash = await this.hasher.hash(dto.password);
    }
    const updated = await this.users.update(id, changes);
    if (!updated) throw new NotFoundError('User', id);
    // A new password ends every session: refresh tokens die here, access tokens by their version.
    if (changes.passwordHash) await this.refreshTokens.revokeAllForUser(id);
    return toUserView(updated);
  }

  async setRole(actor: Actor, id: number, { role }: SetRoleDto): Promise<UserView> {
    assertCanSetRole(actor);
    this.check(await this.users.setRoleKeepingAnAdmin(id, role), id);
    // Sessions begun under the old role end: the user signs in again and knows what changed.
    await this.refreshTokens.revokeAllForUser(id);
    return toUserView(await this.require(id));
  }

  async deactivate(actor: Actor, id: number): Promise<void> {
    assertCanDeactivate(actor);
    this.check(await this.users.deactivateKeepingAnAdmin(id), id);
    await this.refreshTokens.revokeAllForUser(id);
  }

  async stats(actor: Actor): Promise<{ total: number; active: number; inactive: number; by_role: Record<string, number> }> {
    assertCan(actor, 'user:stats');
    const rows = await this.users.countByRole();
    const sum = (pick: (r: (typeof rows)[number]) => boolean) => rows.filter(pick).reduce((n, r) => n + r.count, 0);
    const byRole: Record<string, number> = {};
    for (const r of rows) byRole[r.role] = (byRole[r.role] ?? 0) + r.count;
    return { total: sum(() => true), active: sum((r) => r.isActive), inactive: sum((r) => !r.isActive), by_role: byRole };
  }

  private async createWithRole(dto: CreateUserDto, role: SetRoleDto['role']): Promise<UserView> {
    const user = await this.users.insert({
      email: dto.email,
      username: dto.username,
      fullName: dto.full_name ?? null,
      passwordHash: await this.hasher.hash(dto.password),
      role,
    });
    return toUserView(user);
  }

  /**
   * A current-password check is a password guess like a sign-in: it draws on the same budgets (429 once they
   * are spent) and a wrong one counts as a failure. Without an address, the caller's own id stands in for it.
   */
  private async assertCurrentPassword(actor: UserActor, user: User, currentPassword: string, client = `actor:${actor.userId}`): Promise<void> {
    const keys = { account: loginAccountKey(user, user.username), client };
    if (!(await this.throttle.attempt(keys, () => this.hasher.verify(user.passwordHash, currentPassword)))) {
      throw new ValidationError([{ field: 'current_password', rule: 'matchesCurrent', message: 'current_password is not your current password' }]);
    }
  }

  private async require(id: number): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundError('User', id);
    return user;
  }

  private check(outcome: GuardedChange, id: number): void {
    if (outcome === 'not-found') throw new NotFoundError('User', id);
    if (outcome === 'last-admin') throw lastAdminError();
  }
}
