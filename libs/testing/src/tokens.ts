import { type Role, UsersRepository } from '@mercato/core';
import { JwtAccessTokenIssuer } from '@mercato/security';
import { keyIdOf, privateKeyFrom, publicKeyFrom, ServerConfig } from '@mercato/server';
import { testKeys } from './keys';
import type { TestApp } from './test-app';

let counter = 0;

export interface ActingUser {
  id: number;
  token: string;
  auth: { Authorization: string };
}

/** Which service a minted token is for; by default the app's own, the only audience it accepts. */
export interface TokenOptions {
  audience?: string;
}

/**
 * A user row plus an access token signed exactly as users-api signs them, for services that verify tokens
 * but do not issue them (products-api, the MCP gateway). The token is for the app it is minted against: a
 * REST token for a REST API, a gateway token for the gateway.
 */
export async function actingUser(app: TestApp, role: Role = 'user', options: TokenOptions = {}): Promise<ActingUser> {
  const name = `${role}-${++counter}-${process.pid}`;
  const user = await app.app.get(UsersRepository).insert({ email: `${name}@example.com`, username: name, fullName: null, passwordHash: 'unusable', role });
  return tokenFor(app, user, options);
}

/** Another access token for an existing user (a new `jti`), as a refresh or a second sign-in would give. */
export async function freshToken(app: TestApp, userId: number, options: TokenOptions = {}): Promise<ActingUser> {
  const user = await app.app.get(UsersRepository).findById(userId);
  if (!user) throw new Error(`no user ${userId}`);
  return tokenFor(app, user, options);
}

/** The one `aud` the app accepts (its config says): the REST audience, or the gateway's resource URL. */
export function audienceOf(app: TestApp): string {
  return app.app.get(ServerConfig).acceptedAudience();
}

function tokenFor(app: TestApp, user: { id: number; role: Role; tokenVersion: number }, { audience = audienceOf(app) }: TokenOptions): ActingUser {
  const privateKey = privateKeyFrom(testKeys().privateKey);
  const issuer = new JwtAccessTokenIssuer(
    { issuer: app.env['JWT_ISSUER'] ?? 'http://localhost:3001', ttlSeconds: 900 },
    { privateKey, keyId: keyIdOf(publicKeyFrom(privateKey)) },
  );
  const { token } = issuer.issue(user, { audience });
  return { id: user.id, token, auth: { Authorization: `Bearer ${token}` } };
}
