import type { Role } from '../auth/actor';

export interface User {
  id: number;
  email: string;
  username: string;
  fullName: string | null;
  passwordHash: string;
  role: Role;
  isActive: boolean;
  isVerified: boolean;
  /** Bumped when a password changes or the user is deactivated: tokens carrying an older version stop working. */
  tokenVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * What every authenticated request reads about its user, once: the account without its password hash. Its role,
 * state and token version decide whether the token still counts; the rest is what GET /users/me shows, so that
 * route needs no second read.
 */
export type UserAuthState = Omit<User, 'passwordHash'>;
