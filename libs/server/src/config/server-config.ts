import { ToBoolean, ToNumber } from '@mercato/core';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, IsUrl, Matches, Max, Min, ValidateIf } from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const IsDatabaseUrl = () => Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' });

/** Where the database is: all the one-shot migration job needs. */
export class DatabaseConfig {
  @IsDatabaseUrl() DATABASE_URL!: string;
}

/** Every process that hashes or checks passwords (the services, the operator CLIs) reads these. */
export class PasswordChecksConfig {
  /** argon2id cost; the defaults are OWASP's minimum (19 MiB, 2 passes, 1 lane). */
  @ToNumber() @IsInt() @Min(1024) ARGON2_MEMORY_KIB = 19_456;
  @ToNumber() @IsInt() @Min(1) ARGON2_TIME_COST = 2;
  @ToNumber() @IsInt() @Min(1) ARGON2_PARALLELISM = 1;
  /** Hashes computed at once; unset leaves one core free for serving requests (cores - 1, at least 1). */
  @IsOptional() @ToNumber() @IsInt() @Min(1) ARGON2_MAX_CONCURRENCY?: number;

  /**
   * Password-guess budgets per window, shared through Redis by every service that checks passwords (sign-in in
   * users-api, current-password checks there and in the MCP gateway): per (account, client address), per account
   * from all addresses (larger, so one attacker cannot lock the owner out everywhere), per client address.
   */
  @ToNumber() @IsInt() @Min(1) LOGIN_MAX_FAILURES = 5;
  @ToNumber() @IsInt() @Min(1) LOGIN_MAX_FAILURES_PER_ACCOUNT = 100;
  @ToNumber() @IsInt() @Min(1) LOGIN_MAX_FAILURES_PER_CLIENT = 50;
  @ToNumber() @IsInt() @Min(1) LOGIN_FAILURE_WINDOW_SECONDS = 900;
}

/** Settings every Mercato service reads. Each app extends it with its own; docs/configuration lives in README. */
export class ServerConfig extends PasswordChecksConfig {
  @IsIn(['development', 'test', 'production']) NODE_ENV: 'development' | 'test' | 'production' = 'development';
  @IsString() HOST = '0.0.0.0';
  @ToNumber() @IsInt() @Min(0) @Max(65535) PORT = 3000;
  @IsIn(LOG_LEVELS) LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';
  /** stderr when stdout carries a protocol (the MCP stdio entry). */
  @IsIn(['stdout', 'stderr']) LOG_DESTINATION: 'stdout' | 'stderr' = 'stdout';

  @IsDatabaseUrl() DATABASE_URL!: string;
  @ToNumber() @IsInt() @Min(1) @Max(200) DATABASE_POOL_SIZE = 10;

  @IsOptional() @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' }) REDIS_URL?: string;
  /** Namespaces every key, so several deployments (or test suites) can share one Redis. */
  @IsString() REDIS_KEY_PREFIX = 'mercato:';
  /** Upper bound on how long a cached read may live; writes invalidate at once, this only bounds a missed invalidation. */
  @ToNumber() @IsInt() @Min(1) CACHE_TTL_SECONDS = 300;

  /** Comma-separated origins allowed by CORS, or `*`. Tokens travel in headers, not cookies, so `*` is safe. */
  @IsString() CORS_ORIGINS = '*';
  /** Trust X-Forwarded-For from a proxy in front (nginx, the ingress) when resolving the client address. */
  @ToBoolean() @IsBoolean() TRUST_PROXY = false;

  /** The issuer named in every access token: users-api's public URL, which is also its OAuth issuer identifier. */
  @IsString() JWT_ISSUER = 'http://localhost:3001';
  /** The audience of tokens for the REST APIs: users-api issues it and the REST services accept it. */
  @IsString() JWT_AUDIENCE = 'mercato';
  /** PEM public key that verifies access tokens; services other than users-api need this or JWT_JWKS_URL. */
  @ValidateIf((c: ServerConfig) => !c.JWT_JWKS_URL && !c.signsTokens())
  @Matches(/-----BEGIN PUBLIC KEY-----/, { message: 'JWT_PUBLIC_KEY must be a PEM public key (or set JWT_JWKS_URL)' })
  JWT_PUBLIC_KEY?: string;
  @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'] }) JWT_JWKS_URL?: string;
  /** How often the JWKS is fetched again on its own, so a key the issuer retired stops being accepted. */
  @ToNumber() @IsInt() @Min(10) JWT_JWKS_REFRESH_SECONDS = 600;
  /** At most one JWKS fetch this often for tokens naming an unknown key id, so forged key ids cannot flood the issuer. */
  @ToNumber() @IsInt() @Min(1) JWT_JWKS_COOLDOWN_SECONDS = 30;

  /**
   * What an app (an OAuth client) may spend for a user per checkout without asking, in CURRENCY, until the user
   * sets their own limit: above it, the purchase waits for the user's approval.
   */
  @ToNumber() @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false }) @Min(0) @Max(1_000_000) AGENT_CHECKOUT_LIMIT = 100;

  @IsOptional() @IsString() APP_VERSION?: string;

  /** How long a SIGTERMed service stays up, unready, before it stops listening (load balancers need a moment). */
  @ToNumber() @IsInt() @Min(0) @Max(120) SHUTDOWN_DELAY_SECONDS = 0;

  /**
   * The one `aud` this service accepts (RFC 8707): the REST APIs share JWT_AUDIENCE; a service that is a resource
   * of its own (the MCP gateway) accepts only its resource URL, so no token is good at both doors.
   */
  acceptedAudience(): string {
    return this.JWT_AUDIENCE;
  }

  /** Only the token issuer holds a private key and derives its public key from it. */
  signsTokens(): boolean {
    return false;
  }

  /** The page of users-api where a user approves a purchase an app asked for above their limit. */
  checkoutApprovalUrl(checkoutId: string): string {
    return `${this.JWT_ISSUER.replace(/\/$/, '')}/approvals/checkouts/${checkoutId}`;
  }

  get corsOrigins(): string[] | true {
    const list = this.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    return list.includes('*') ? true : list;
  }
}
