import type { Role } from '../auth/actor';
import type { Page } from '../common/pagination';
import type { AuthStateCache } from './auth-state-cache';
import type { User, UserAuthState } from './user';
import { type GuardedChange, type NewUser, type UserChanges, type UserFilter, UsersRepository } from './users.repository';

/**
 * The users table as the services use it outside a transaction: the standing every request reads comes through the
 * process's AuthStateCache, and every write to an existing account passes its fence. Each write here commits before
 * it returns; a repository bound to a unit of work's transaction must never be wrapped, as it commits later.
 */
export class CachedUsersRepository extends UsersRepository {
  constructor(
    private readonly users: UsersRepository,
    private readonly cache: AuthStateCache,
  ) {
    super();
  }

  findAuthState(id: number): Promise<UserAuthState | null> {
    return this.cache.read(id, () => this.users.findAuthState(id));
  }

  update(id: number, changes: UserChanges): Promise<User | null> {
    return this.cache.change(id, () => this.users.update(id, changes));
  }

  setRoleKeepingAnAdmin(id: number, role: Role): Promise<GuardedChange> {
    return this.cache.change(id, () => this.users.setRoleKeepingAnAdmin(id, role));
  }

  deactivateKeepingAnAdmin(id: number): Promise<GuardedChange> {
    return this.cache.change(id, () => this.users.deactivateKeepingAnAdmin(id));
  }

  // A new account has no standing anyone could have read before it existed; the rest only reads.
  insert(user: NewUser): Promise<User> {
    return this.users.insert(user);
  }

  findById(id: number): Promise<User | null> {
    return this.users.findById(id);
  }

  findByLogin(login: string): Promise<User | null> {
    return this.users.findByLogin(login);
  }

  list(filter: UserFilter): Promise<Page<User>> {
    return this.users.list(filter);
  }

  countByRole(): Promise<{ role: Role; isActive: boolean; count: number }[]> {
    return this.users.countByRole();
  }
}
