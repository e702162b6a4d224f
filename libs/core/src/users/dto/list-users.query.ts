import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../../auth/actor';
import { PageQuery } from '../../common/pagination';
import { ToBoolean, Trim } from '../../common/transforms';

export class ListUsersQuery extends PageQuery {
  @IsOptional() @IsIn(ROLES) role?: Role;
  @IsOptional() @ToBoolean() @IsBoolean() is_active?: boolean;
  /** Case-insensitive substring of e-mail, username or full name. */
  @IsOptional() @Trim() @IsString() @MaxLength(100) search?: string;
}
