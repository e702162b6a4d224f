import { type Role, UsersRepository } from '@mercato/core';
import { JwtAccessTokenIssuer } from '@mercato/security';
import { keyIdOf, privateKeyFrom, publicKeyFrom, ServerConfig } from '@mercato/server';
import * as jwt from 'jsonwebtoken';
import { testKeys } from './keys';
import type { TestApp } from './test-app';

let counter = 0;

export interface ActingUser {
  id: number;
  token: string;
  auth: { Authorization: string };
}

/** Which service a minted token is for, and what it may do. */
export interface TokenOptions {
  /** By default the app's own audience, the only one it accepts. */
  audience?: string;
  /**
   * The token's `scope` claim (space-separated, e.g. `catalog:read users:read`), as the OAuth authorization
   * server gives MCP clients. Left out, the token has none and acts with the full role, as a sign-in's does.
   */
  scope?: string;
  /** The token's `client_id` claim: an app (OAuth client) acting for the user, as the authorization server issues. */
  clientId?: string;
}

/**
 * A user row plus an access token signed exactly as users-api signs them, for services that verify tokens
 * but do not issue them (products-api, the MCP gateway). The token is for the app it is minted against: a
 * REST token for a REST API, a gateway token for the gateway.
 */
export async function actingUser(app: TestApp, role: Role = 'user', options: TokenOptions = {}): Promise<ActingUser> {
  const name = `${role}-${++counter}-${process.pid}`;
  const user = await app.app.get(UsersRepository).insert({ email: `${name}@example.com`, username: name, fullName: null, passwordHash: 'unusable', role });
  return actingAs(app, user, options);
}

/** Another access token for an existing user (a new `jti`), as a refresh or a second sign-in would give. */
export async function freshToken(app: TestApp, userId: number, options: TokenOptions = {}): Promise<ActingUser> {
  const user = await app.app.get(UsersRepository).findById(userId);
  if (!user) throw new Error(`no user ${userId}`);
  return actingAs(app, user, options);
}

/** The one `aud` the app accepts (its config says): the REST audience, or the gateway's resource URL. */
export function audienceOf(app: TestApp): string {
  return app.app.get(ServerConfig).acceptedAudience();
}

function actingAs(
  app: TestApp,
  user: { id: number; role: Role; tokenVersion: number },
  { audience = audienceOf(app), scope, clientId }: TokenOptions,
): ActingUser {
  const { token } = issuerFor(app).issue(user, { audience });
  const extra = { ...(scope === undefined ? {} : { scope }), ...(clientId === undefined ? {} : { client_id: clientId }) };
  const minted = Object.keys(extra).length === 0 ? token : withClaims(token, extra);
  return { id: user.id, token: minted, auth: { Authorization: `Bearer ${minted}` } };
}

/** The same claims plus `scope` or `client_id` (RFC 9068 §2.2), signed again with the same key, algorithm and key id. */
function withClaims(token: string, extra: Record<string, string>): string {
  const { header, payload } = jwt.decode(token, { complete: true }) as jwt.Jwt;
  return jwt.sign({ ...(payload as jwt.JwtPayload), ...extra }, signingKey(), { algorithm: header.alg as jwt.Algorithm, keyid: header.kid });
}

function issuerFor(app: TestApp): JwtAccessTokenIssuer {
  const privateKey = signingKey();
  return new JwtAccessTokenIssuer(
    { issuer: app.env['JWT_ISSUER'] ?? 'http://localhost:3001', ttlSeconds: 900 },
    { privateKey, keyId: keyIdOf(publicKeyFrom(privateKey)) },
  );
}

function signingKey() {
  return privateKeyFrom(testKeys().privateKey);
}
