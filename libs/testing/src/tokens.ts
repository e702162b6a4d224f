import { type Role, UsersRepository } from '@mercato/core';
import { JwtAccessTokenIssuer } from '@mercato/security';
import { keyIdOf, privateKeyFrom, publicKeyFrom } from '@mercato/server';
import { testKeys } from './keys';
import type { TestApp } from './test-app';

let counter = 0;

export interface ActingUser {
  id: number;
  token: string;
  auth: { Authorization: string };
}

/**
 * A user row plus an access token signed exactly as users-api signs them, for services that verify tokens
 * but do not issue them (products-api, the MCP gateway).
 */
export async function actingUser(app: TestApp, role: Role = 'user'): Promise<ActingUser> {
  const name = `${role}-${++counter}-${process.pid}`;
  const user = await app.app.get(UsersRepository).insert({ email: `${name}@example.com`, username: name, fullName: null, passwordHash: 'unusable', role });
  const { token } = issuerFor(app).issue(user);
  return { id: user.id, token, auth: { Authorization: `Bearer ${token}` } };
}

/** Another access token for an existing user (a new `jti`), as a refresh or a second sign-in would give. */
export async function freshToken(app: TestApp, userId: number): Promise<ActingUser> {
  const user = await app.app.get(UsersRepository).findById(userId);
  if (!user) throw new Error(`no user ${userId}`);
  const { token } = issuerFor(app).issue(user);
  return { id: user.id, token, auth: { Authorization: `Bearer ${token}` } };
}

function issuerFor(app: TestApp): JwtAccessTokenIssuer {
  const privateKey = privateKeyFrom(testKeys().privateKey);
  return new JwtAccessTokenIssuer(
    { issuer: app.env['JWT_ISSUER'] ?? 'http://localhost:3001', audience: app.env['JWT_AUDIENCE'] ?? 'mercato', ttlSeconds: 900 },
    { privateKey, keyId: keyIdOf(publicKeyFrom(privateKey)) },
  );
}
