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

/** What every authenticated request needs to know about its user; kept small because it is read on each request. */
export type UserAuthState = Pick<User, 'id' | 'role' | 'isActive' | 'tokenVersion'>;
