import { ToNumber } from '@mercato/core';
import { ServerConfig } from '@mercato/server';
import { IsInt, Matches, Max, Min } from 'class-validator';

export class UsersApiConfig extends ServerConfig {
  override PORT = 3001;

  /** PEM RSA private key that signs access tokens. Only users-api holds it. */
  @Matches(/-----BEGIN (RSA )?PRIVATE KEY-----/, { message: 'JWT_PRIVATE_KEY must be a PEM RSA private key' })
  JWT_PRIVATE_KEY!: string;
  @ToNumber() @IsInt() @Min(60) @Max(3600) ACCESS_TOKEN_TTL_SECONDS = 900;
  @ToNumber() @IsInt() @Min(300) REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  @ToNumber() @IsInt() @Min(1) LOGIN_MAX_FAILURES = 5;
  @ToNumber() @IsInt() @Min(1) LOGIN_MAX_FAILURES_PER_CLIENT = 50;
  @ToNumber() @IsInt() @Min(1) LOGIN_FAILURE_WINDOW_SECONDS = 900;

  override signsTokens(): boolean {
    return true;
  }
}
