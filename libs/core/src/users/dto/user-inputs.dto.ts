import { IsIn, IsInt, Max, Min } from 'class-validator';
import { Optional } from '../../common/decorators';
import { ROLES, type Role } from '../../auth/actor';
import { MAX_ID } from '../../common/id.dto';
import { CreateUserDto } from './create-user.dto';
import { SetRoleDto } from './set-role.dto';
import { UpdateUserDto } from './update-user.dto';

/** Inputs that carry the user id in the body (MCP tools have no URL path to put it in). */
export class UpdateUserByIdDto extends UpdateUserDto {
  @IsInt() @Min(1) @Max(MAX_ID) id!: number;
}

export class SetRoleByIdDto extends SetRoleDto {
  @IsInt() @Min(1) @Max(MAX_ID) id!: number;
}

/** An admin creating an account may choose its role (default `user`). */
export class CreateUserWithRoleDto extends CreateUserDto {
  @Optional() @IsIn(ROLES) role?: Role;
}
