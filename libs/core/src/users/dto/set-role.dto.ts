import { IsIn } from 'class-validator';
import { ROLES, type Role } from '../../auth/actor';

export class SetRoleDto {
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` }) role!: Role;
}
