import { execFile } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DomainError, UsersRepository, userActor } from '@mercato/core';
import { freePort } from '@mercato/data';
import { AccessTokenVerifier, keyIdOf, privateKeyFrom, publicKeyFrom } from '@mercato/server';
import { actingUser, audienceOf, ROOT, startTestApp, testKeys, type TestApp } from '@mercato/testing';
import * as jwt from 'jsonwebtoken';
import { McpGatewayModule } from '../src/mcp-gateway.module';

/**
 * The HTTP guard (REST routes and /mcp) and the stdio entry verify through one passport strategy: whatever token
 * one refuses, the other refuses with the same answer, and what one accepts the other accepts as the same actor.
 */

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

/** What /mcp answers a token with: the refusal a client reads, or the status when it was let in. */
async function overHttp(gateway: TestApp, token: string) {
  const res = await gateway.http.post('/mcp').set('Authorization', `Bearer ${token}`).set('accept', 'application/json, text/event-stream').send(initialize);
  return res.status === 200 ? { accepted: true } : { status: res.status, type: res.body.type, title: res.body.title, detail: res.body.detail };
}

/** What the stdio entry's verifier makes of the same token, as the problem it would travel as. */
async function overStdio(gateway: TestApp, token: string) {
  return gateway.app
    .get(AccessTokenVerifier)
    .actorFor(token)
    .then(
      () => ({ accepted: true }),
      (e: unknown) => (e instanceof DomainError ? { type: `/problems/${e.type}`, title: e.title, detail: e.detail } : { unexpected: String(e) }),
    );
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('one token verifier for HTTP and stdio', () => {
  let gateway: TestApp;
  beforeAll(async () => {
    gateway = await startTestApp(McpGatewayModule);
  }, 60_000);
  afterAll(() => gateway?.close(), 30_000);

  it('refuses the same bad tokens with the same answers on both doors', async () => {
    const users = gateway.app.get(UsersRepository);
    const real = await actingUser(gateway);
    const deactivated = await actingUser(gateway);
    expect(await users.deactivateKeepingAnAdmin(deactivated.id)).toBe('done');
    const passwordChanged = await actingUser(gateway);
    await users.update(passwordChanged.id, { passwordHash: 'changed' });

    const signingKey = privateKeyFrom(testKeys().privateKey);
    const keyid = keyIdOf(publicKeyFrom(signingKey));
    const claims = { sub: String(real.id), role: 'user', ver: 0, jti: randomUUID() };
    const audience = audienceOf(gateway);
    const sign = (payload: object, options: jwt.SignOptions = {}) =>
      jwt.sign(payload, signingKey, { algorithm: 'RS256', keyid, issuer: 'http://localhost:3001', audience, ...options });
    const [header, payload] = real.token.split('.');
    // HMAC keyed with the public key: the classic algorithm confusion, which RS256-only verification must refuse.
    const hsHeader = base64url({ alg: 'HS256', typ: 'JWT', kid: keyid });
    const hsPayload = base64url({ ...claims, iss: 'http://localhost:3001', aud: audience, exp: Math.floor(Date.now() / 1000) + 60 });
    const hsSignature = createHmac('sha256', testKeys().publicKey).update(`${hsHeader}.${hsPayload}`).digest('base64url');
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

    const cases: Record<string, string> = {
      'no token at all': '',
      'not a JWT': 'not-a-token',
      'three dots of nothing': 'a.b.c',
      'no signature': `${header}.${payload}.`,
      'alg none': jwt.sign(claims, '', { algorithm: 'none', issuer: 'http://localhost:3001', audience }),
      'HS256 keyed with the public key': `${hsHeader}.${hsPayload}.${hsSignature}`,
      'signed by another key': jwt.sign(claims, otherKey, { algorithm: 'RS256', keyid, issuer: 'http://localhost:3001', audience }),
      'from another issuer': sign(claims, { issuer: 'elsewhere' }),
      'for another service': sign(claims, { audience: 'products' }),
      'for the REST APIs': (await actingUser(gateway, 'user', { audience: 'mercato' })).token,
      expired: sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }),
      'not valid yet': sign(claims, { notBefore: 3600 }),
      'subject is no user id': sign({ ...claims, sub: 'admin' }),
      'user deactivated': deactivated.token,
      'password changed since': passwordChanged.token,
    };
    const seen = new Set<string>();
    for (const [what, token] of Object.entries(cases)) {
      const http = await overHttp(gateway, token);
      const { status, ...answer } = http as { status?: number };
      expect({ what, status }).toEqual({ what, status: 401 });
      expect({ what, stdio: await overStdio(gateway, token) }).toEqual({ what, stdio: answer });
      seen.add((answer as { detail: string }).detail);
    }
    // The cases reach every refusal the strategy gives, not one sentence over and over.
    expect([...seen].sort()).toEqual([
      'An access token is required (Authorization: Bearer …)',
      'The access token has expired; refresh it or sign in again',
      'The access token is malformed',
      'The access token is no longer valid; sign in again',
      'The access token is not valid',
      'The access token is not valid yet',
      'The access token was issued for another service',
    ]);

    // A REST token is a real token of a real user, refused only for its audience: no replay across doors.
    await expect(overHttp(gateway, cases['for the REST APIs'])).resolves.toMatchObject({ detail: 'The access token was issued for another service' });
    await expect(overHttp(gateway, real.token)).resolves.toEqual({ accepted: true });
    await expect(gateway.app.get(AccessTokenVerifier).actorFor(real.token)).resolves.toEqual(userActor(real.id, 'user'));
  }, 60_000);

  it('the stdio entry itself refuses to start on a refused token, saying what the HTTP guard says', async () => {
    const real = await actingUser(gateway);
    const signingKey = privateKeyFrom(testKeys().privateKey);
    const expired = jwt.sign({ sub: String(real.id), role: 'user', ver: 0, exp: Math.floor(Date.now() / 1000) - 60 }, signingKey, {
      algorithm: 'RS256',
      keyid: keyIdOf(publicKeyFrom(signingKey)),
      issuer: 'http://localhost:3001',
      audience: audienceOf(gateway),
    });
    const { detail } = (await overHttp(gateway, expired)) as { detail: string };
    const env = {
      PATH: process.env['PATH'] ?? '',
      DATABASE_URL: gateway.database.url,
      JWT_PUBLIC_KEY: testKeys().publicKey,
      MERCATO_TOKEN: expired,
      LOG_LEVEL: 'warn',
    };
    const outcome = await new Promise<{ code: number | null; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        ['-r', join(ROOT, 'tools/register.cjs'), join(ROOT, 'apps/mcp-gateway/src/stdio.ts')],
        { cwd: ROOT, env },
        (error, _out, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }),
      ),
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain(`mcp:stdio could not start: ${detail}`);
  }, 60_000);
});

describe('one token verifier when the signing keys cannot be fetched', () => {
  let gateway: TestApp;
  beforeAll(async () => {
    const port = await freePort(); // nothing listens there
    gateway = await startTestApp(McpGatewayModule, { env: { JWT_PUBLIC_KEY: '', JWT_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json` } });
  }, 60_000);
  afterAll(() => gateway?.close(), 30_000);

  it('answers "try again shortly" on both doors rather than blaming the token', async () => {
    const real = await actingUser(gateway);
    const http = await overHttp(gateway, real.token);
    const { status, ...answer } = http as { status?: number };
    expect(status).toBe(503);
    expect(answer).toMatchObject({ type: '/problems/service-unavailable' });
    await expect(overStdio(gateway, real.token)).resolves.toEqual(answer);
  }, 60_000);
});
