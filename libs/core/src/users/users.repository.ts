import type { Page } from '../common/pagination';
import type { Role } from '../auth/actor';
import type { User, UserAuthState } from './user';

export interface NewUser {
  email: string;
  username: string;
  fullName: string | null;
  passwordHash: string;
  role: Role;
}

export interface UserFilter {
  role?: Role;
  isActive?: boolean;
  search?: string;
  skip: number;
  limit: number;
}

export interface UserChanges {
  email?: string;
  fullName?: string | null;
  passwordHash?: string;
}

export type GuardedChange = 'done' | 'not-found' | 'last-admin';

/**
 * The port libs/data implements. Uniqueness is the database's job: `insert` and `update` throw ConflictError
 * naming the field when a unique index refuses the row, also when two requests race.
 */
export abstract class UsersRepository {
  abstract insert(user: NewUser): Promise<User>;
  abstract findById(id: number): Promise<User | null>;
  /** By e-mail or username, case-insensitively. */
  abstract findByLogin(login: string): Promise<User | null>;
  abstract findAuthState(id: number): Promise<UserAuthState | null>;
  abstract list(filter: UserFilter): Promise<Page<User>>;
  /** Applies the changes; a new password hash also bumps the token version. */
  abstract update(id: number, changes: UserChanges): Promise<User | null>;
  /** Changes the role unless that would leave no active admin; decided atomically against concurrent demotions. */
  abstract setRoleKeepingAnAdmin(id: number, role: Role): Promise<GuardedChange>;
  /** Deactivates and bumps the token version unless it is the last active admin; atomic like setRoleKeepingAnAdmin. */
  abstract deactivateKeepingAnAdmin(id: number): Promise<GuardedChange>;
  abstract countByRole(): Promise<{ role: Role; isActive: boolean; count: number }[]>;
}
