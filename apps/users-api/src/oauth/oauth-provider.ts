import { SCOPES, type UsersRepository } from '@mercato/core';
import type { OAuthRecords } from '@mercato/data';
import type { SigningKey } from '@mercato/security';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { Agent, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { errorPage } from './pages';
import { type OAuthSettings } from './oauth-settings';
import { LoopbackClientDocuments } from './loopback-client-documents';
import { assertRedirectUrisAllowed } from './redirect-uris';

/** Every endpoint under /oauth, so one prefix goes to the library and the rest of users-api stays Nest's. */
const ROUTES = {
  authorization: '/oauth/authorize',
  token: '/oauth/token',
  registration: '/oauth/register',
  revocation: '/oauth/revoke',
  jwks: '/oauth/jwks',
  userinfo: '/oauth/userinfo',
  end_session: '/oauth/logout',
  introspection: '/oauth/introspect',
  pushed_authorization_request: '/oauth/par',
  backchannel_authentication: '/oauth/backchannel',
  code_verification: '/oauth/device',
  device_authorization: '/oauth/device/auth',
  challenge: '/oauth/challenge',
};

export interface OAuthProviderDeps {
  settings: OAuthSettings;
  records: OAuthRecords;
  signingKey: SigningKey;
  users: UsersRepository;
}

/**
 * The OAuth 2.1 authorization server (oidc-provider): authorization code with PKCE (S256 only), dynamic client
 * registration of public clients, RFC 8707 resource indicators with RFC 9068 JWT access tokens for the MCP
 * gateway, rotating refresh tokens, revocation. Its documents live in PostgreSQL; sign-in and consent are our pages.
 */
export function createOAuthProvider({ settings, records, signingKey, users }: OAuthProviderDeps): Provider {
  const loopback = settings.allowLoopbackClientDocuments ? new LoopbackClientDocuments() : undefined;
  class Adapter {
    constructor(name: string) {
      const store = records.model(name);
      return name === 'Client' && loopback ? loopback.wrap(store) : store;
    }
  }
  const jwk = { ...signingKey.privateKey.export({ format: 'jwk' }), kid: signingKey.keyId, alg: 'RS256', use: 'sig' };
  const configuration: Configuration = {
    adapter: Adapter as unknown as Configuration['adapter'],
    jwks: { keys: [jwk as never] },
    routes: ROUTES,
    scopes: ['openid', 'offline_access', ...SCOPES],
    responseTypes: ['code'],
    clientDefaults: { grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' },
    pkce: { required: () => true },
    cookies: { keys: settings.cookieKeys },
    ttl: {
      AccessToken: settings.accessTokenTtlSeconds,
      AuthorizationCode: 60,
      Grant: settings.refreshTokenTtlSeconds,
      Interaction: 600,
      RefreshToken: settings.refreshTokenTtlSeconds,
      Session: 24 * 3600,
    },
    features: {
      devInteractions: { enabled: false },
      registration: { enabled: true, initialAccessToken: false },
      // The first way a client registers: its client_id is the https URL of its metadata. The library fetches it
      // with a 2.5 s timeout, a 5 KiB cap, no redirects, and never from special-use (private, loopback) addresses.
      clientIdMetadataDocument: { enabled: true, ack: 'draft-02' },
      // RFC 7009 §2.1: a client may revoke only its own tokens; another's is ignored without saying whether it exists.
      revocation: { enabled: true, allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId },
      userinfo: { enabled: false },
      rpInitiatedLogout: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (_ctx, _client, oneOf) => oneOf ?? settings.resource,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resource) => {
          if (resource !== settings.resource) throw new errors.InvalidTarget(`unknown resource ${resource}`);
          return {
            scope: SCOPES.join(' '),
            audience: resource,
            accessTokenTTL: settings.accessTokenTtlSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    extraClientMetadata: {
      // The library's hook for a rule of our own over a whole registration: where the codes may be sent.
      properties: ['mercato_redirect_policy'],
      validator: (_ctx, _key, _value, metadata) => assertRedirectUrisAllowed(metadata['redirect_uris'] as string[] | undefined),
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    expiresWithSession: async () => false,
    interactions: { url: async (_ctx, interaction) => `/oauth/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => {
      const state = await users.findAuthState(Number(sub));
      return state?.isActive ? { accountId: sub, claims: async () => ({ sub }) } : undefined;
    },
    // The account's token version, as in every Mercato access token: a password change ends these tokens too.
    extraTokenClaims: async (_ctx, token) => {
      if (token.kind !== 'AccessToken' || !token.accountId) return undefined;
      const state = await users.findAuthState(Number(token.accountId));
      return state ? { ver: state.tokenVersion, gid: token.grantId } : undefined;
    },
    renderError: async (ctx: KoaContextWithOIDC, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(String(out['error_description'] ?? out['error'] ?? 'The request could not be completed'));
    },
  };
  ensureFetchDispatcher();
  const provider = new Provider(settings.issuer, configuration);
  provider.proxy = settings.trustProxy;
  return provider;
}

/**
 * The library refuses to fetch client metadata from private and loopback addresses by hooking the process's
 * fetch dispatcher, which Node creates only on the first fetch; asked before that, it warns and fetches
 * unguarded for good. So a dispatcher is in place before the provider exists.
 */
function ensureFetchDispatcher(): void {
  if (!(globalThis as Record<symbol, unknown>)[Symbol.for('undici.globalDispatcher.1')]) setGlobalDispatcher(new Agent());
  getGlobalDispatcher();
}
