import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { OAuthRecords } from '@mercato/data';
import { consumeOrRefuse, type Redis, sharedLimiter } from '@mercato/redis';
import { clientAddress, REDIS } from '@mercato/server';
import { RateLimitedError, SCOPES, UsersRepository } from '@mercato/core';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { signingKeyFrom } from '../signing-key';
import { UsersApiConfig } from '../users-api.config';
import { InteractionCsrf } from './csrf';
import { createOAuthProvider } from './oauth-provider';
import { oauthSettingsFrom, type OAuthSettings } from './oauth-settings';

const METADATA = '/.well-known/openid-configuration';
/** RFC 8414's name for the same document, which MCP clients ask for first. */
const AS_METADATA = '/.well-known/oauth-authorization-server';

/** Is this request the library's: an /oauth endpoint other than our own sign-in pages, or the metadata? */
function servedByProvider(path: string): boolean {
  return (path.startsWith('/oauth/') && !path.startsWith('/oauth/interaction/')) || path === METADATA || path === AS_METADATA;
}

/**
 * A client that asks for no scope asks for what the account may do: every scope. (MCP clients send the scopes of
 * the resource's metadata, but need not.)
 */
function withDefaultScope(url: string): string {
  const parsed = new URL(url, 'http://placeholder');
  if (parsed.searchParams.get('scope')) return url;
  parsed.searchParams.set('scope', SCOPES.join(' '));
  return `${parsed.pathname}${parsed.search}`;
}

/**
 * Runs the authorization server inside users-api. Its requests are handed to the library before Fastify parses
 * anything (the library reads its own bodies); everything else stays with Nest.
 */
@Injectable()
export class OAuthServer implements OnModuleInit {
  readonly settings: OAuthSettings;
  readonly provider: Provider;
  readonly csrf: InteractionCsrf;
  private readonly registrationsPerClient: RateLimiterAbstract;

  constructor(
    private readonly adapter: HttpAdapterHost,
    @Inject(UsersApiConfig) private readonly config: UsersApiConfig,
    @Inject(REDIS) redis: Redis | null,
    records: OAuthRecords,
    users: UsersRepository,
  ) {
    const perHour = config.OAUTH_REGISTRATIONS_PER_HOUR_PER_CLIENT;
    this.registrationsPerClient = sharedLimiter(redis, `${config.REDIS_KEY_PREFIX}oauth-register:client`, perHour, 3600);
    this.settings = oauthSettingsFrom(config);
    if (config.OAUTH_ALLOW_LOOPBACK_CLIENT_METADATA && !this.settings.allowLoopbackClientDocuments) {
      new Logger('OAuth').warn('OAUTH_ALLOW_LOOPBACK_CLIENT_METADATA is ignored when NODE_ENV=production');
    }
    this.provider = createOAuthProvider({ settings: this.settings, records, signingKey: signingKeyFrom(config), users });
    this.csrf = new InteractionCsrf(this.settings.cookieKeys[0]);
  }

  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    const handle = this.provider.callback();
    fastify.addHook('onRequest', async (request: FastifyRequest, reply) => {
      const path = request.raw.url?.split('?')[0] ?? '';
      if (!servedByProvider(path)) return;
      if (path === AS_METADATA) request.raw.url = METADATA;
      if (path === '/oauth/authorize') request.raw.url = withDefaultScope(request.raw.url ?? path);
      if (path === '/oauth/register' && request.method === 'POST') {
        const refusal = await this.registrationRefusal(request);
        if (refusal) return reply.code(429).header('retry-after', String(refusal.retryAfterSeconds)).send(refusal.body);
      }
      reply.hijack();
      await handle(request.raw, reply.raw);
    });
  }

  /** Client registrations are free to ask for, so each address gets a budget of them per hour (RFC 7591 §5 leaves this to us). */
  private async registrationRefusal(request: FastifyRequest) {
    try {
      await consumeOrRefuse(this.registrationsPerClient, clientAddress(request, this.config.TRUST_PROXY), 'client registrations from this address');
      return undefined;
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      return { retryAfterSeconds: error.retryAfterSeconds, body: { error: 'temporarily_unavailable', error_description: error.detail } };
    }
  }
}
