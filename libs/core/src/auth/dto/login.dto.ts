import { Equals, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../common/transforms';

/**
 * JSON `{ username, password }` or the OAuth2 password grant form; the OAuth2 extras are accepted so
 * standard clients (Swagger UI's "Authorize", OAuth libraries) can log in.
 */
export class LoginDto {
  /** Username or e-mail. */
  @Trim() @IsString() @MinLength(1) @MaxLength(254) username!: string;
  @IsString() @MinLength(1) @MaxLength(128) password!: string;
  @IsOptional() @Equals('password', { message: 'grant_type must be "password"' }) grant_type?: string;
  @IsOptional() @IsString() @MaxLength(500) scope?: string;
  @IsOptional() @IsString() @MaxLength(200) client_id?: string;
  @IsOptional() @IsString() @MaxLength(200) client_secret?: string;
}
