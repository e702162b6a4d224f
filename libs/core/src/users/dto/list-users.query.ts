import { IsBoolean, IsIn, IsString, MaxLength } from 'class-validator';
import { Optional } from '../../common/decorators';
import { ROLES, type Role } from '../../auth/actor';
import { PageQuery } from '../../common/pagination';
import { ToBoolean, Trim } from '../../common/transforms';

export class ListUsersQuery extends PageQuery {
  @Optional() @IsIn(ROLES) role?: Role;
  @Optional() @ToBoolean() @IsBoolean() is_active?: boolean;
  /** Case-insensitive substring of e-mail, username or full name. */
  @Optional() @Trim() @IsString() @MaxLength(100) search?: string;
}
