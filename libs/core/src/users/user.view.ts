import { IsBoolean, IsDateString, IsEmail, IsIn, IsInt, IsOptional, IsString } from 'class-validator';
import { ROLES, type Role } from '../auth/actor';
import type { User } from './user';

/**
 * The public shape of a user. A class (not an interface) so its validation metadata can describe it
 * in the OpenAPI document and in MCP output schemas. Never carries the password hash or token version.
 */
export class UserView {
  @IsInt() id!: number;
  @IsEmail() email!: string;
  @IsString() username!: string;
  @IsOptional() @IsString() full_name!: string | null;
  @IsIn(ROLES) role!: Role;
  @IsBoolean() is_active!: boolean;
  @IsBoolean() is_verified!: boolean;
  @IsDateString() created_at!: string;
  @IsDateString() updated_at!: string;
}

export function toUserView(user: Omit<User, 'passwordHash'>): UserView {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    full_name: user.fullName,
    role: user.role,
    is_active: user.isActive,
    is_verified: user.isVerified,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}
