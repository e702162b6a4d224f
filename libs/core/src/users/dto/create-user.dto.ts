import { IsOptional } from 'class-validator';
import { IsAcceptablePassword } from '../../auth/password-rules';
import { EmailField, FullNameField, UsernameField } from './user-fields';

export class CreateUserDto {
  @EmailField() email!: string;
  @UsernameField() username!: string;
  @IsAcceptablePassword() password!: string;
  @IsOptional() @FullNameField() full_name?: string;
}
