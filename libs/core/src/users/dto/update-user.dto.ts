import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Optional } from '../../common/decorators';
import { IsAcceptablePassword } from '../../auth/password-rules';
import { EmailField, FullNameField } from './user-fields';

/** Only these fields can change here (a null full_name clears it); role and activity have their own admin routes, anything else is refused. */
export class UpdateUserDto {
  @IsOptional() @FullNameField() full_name?: string;
  @Optional() @EmailField() email?: string;
  @Optional() @IsAcceptablePassword() password?: string;
  /** Required when users change their own password, so a stolen access token cannot take over the account. */
  @Optional() @IsString() @MaxLength(128) current_password?: string;
}
