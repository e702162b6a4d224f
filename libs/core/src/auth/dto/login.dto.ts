import { Equals, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { Trim } from '../../common/transforms';

/**
 * JSON `{ username, password }` or the OAuth2 password grant form; the OAuth2 extras are accepted so
 * standard clients (Swagger UI's "Authorize", OAuth libraries) can log in. `resource` (RFC 8707) asks for a
 * token for another service than the REST APIs: the MCP gateway's resource URL.
 */
export class LoginDto {
  /** Username or e-mail. */
  @Trim() @IsString() @MinLength(1) @MaxLength(254) username!: string;
  @IsString() @MinLength(1) @MaxLength(128) password!: string;
  @IsOptional() @Equals('password', { message: 'grant_type must be "password"' }) grant_type?: string;
  @IsOptional() @IsString() @MaxLength(500) scope?: string;
  @IsOptional() @IsString() @MaxLength(200) client_id?: string;
  @IsOptional() @IsString() @MaxLength(200) client_secret?: string;
  /** The service the access token is for, by its resource URL (e.g. `http://localhost:3003/mcp`); absent: the REST APIs. */
  @IsOptional() @IsString() @MaxLength(2000) resource?: string;
}
