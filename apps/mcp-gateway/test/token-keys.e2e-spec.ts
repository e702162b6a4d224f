import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { freePort } from '@mercato/data';
import { JwtAccessTokenIssuer } from '@mercato/security';
import { AccessTokenVerifier, keyIdOf, privateKeyFrom, publicKeyFrom, toJwk } from '@mercato/server';
import { actingUser, audienceOf, startTestApp, testKeys, type ActingUser, type TestApp } from '@mercato/testing';
import * as jwt from 'jsonwebtoken';
import { McpGatewayModule } from '../src/mcp-gateway.module';
import { connectAs } from './mcp-client';

/** users-api's /.well-known/jwks.json as a stand-in that counts how often the gateway fetches it. */
class CountingJwks {
  fetches = 0;
  private server?: Server;

  async listen(port = 0): Promise<string> {
    const body = JSON.stringify({ keys: [toJwk(publicKeyFrom(testKeys().privateKey))] });
    const server = createServer((_req, res) => {
      this.fetches++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    return `http://127.0.0.1:${(server.address() as { port: number }).port}/.well-known/jwks.json`;
  }

  async close(): Promise<void> {
    const server = this.server;
    server?.closeAllConnections();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Wording of the JWT library or the network that must never reach a client. */
const INTERNAL_TEXT = /jwt |malformed|invalid signature|invalid algorithm|invalid token|ECONNREFUSED|fetch failed|JsonWebToken|public key|JWKS/i;

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};
const postMcp = (app: TestApp, token: string) =>
  app.http.post('/mcp').set('Authorization', `Bearer ${token}`).set('accept', 'application/json, text/event-stream').send(initialize);

/** The audience of the gateways below, which run with the default PUBLIC_URL (the first test checks it). */
const GATEWAY_RESOURCE = 'http://localhost:3003/mcp';

/** A token for a real account and the gateway's audience, signed by a key the issuer never published, under a key id of its own. */
let forgingKey: ReturnType<typeof generateKeyPairSync>['privateKey'] | undefined;
function forgedToken(user: ActingUser, keyId: string = randomUUID()): string {
  forgingKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const privateKey = forgingKey;
  return new JwtAccessTokenIssuer({ issuer: 'http://localhost:3001', ttlSeconds: 900 }, { privateKey, keyId }).issue(
    { id: user.id, role: 'user', tokenVersion: 0 },
    { audience: GATEWAY_RESOURCE },
  ).token;
}

describe('a gateway that verifies tokens through the issuer JWKS', () => {
  const jwks = new CountingJwks();
  let gateway: TestApp;
  beforeAll(async () => {
    // An empty JWT_PUBLIC_KEY counts as unset: the gateway holds no key of its own and must fetch them.
    gateway = await startTestApp(McpGatewayModule, { env: { JWT_PUBLIC_KEY: '', JWT_JWKS_URL: await jwks.listen(), JWT_JWKS_COOLDOWN_SECONDS: '1' } });
  }, 60_000);
  afterAll(async () => {
    await gateway?.close();
    await jwks.close();
  }, 30_000);

  it('fetches the key set at most once per cooldown while tokens with made-up key ids flood in, and a real user keeps working', async () => {
    expect(audienceOf(gateway)).toBe(GATEWAY_RESOURCE);
    const real = await actingUser(gateway);
    const client = await connectAs(gateway.url, real.token);
    const fetchesAfterWarmUp = jwks.fetches;
    expect(fetchesAfterWarmUp).toBe(1);
    const forged = Array.from({ length: 60 }, (_, i) => forgedToken(real, `forged-${i}-${randomUUID()}`));
    const floodStarted = Date.now();
    for (let wave = 0; wave < 3; wave++) {
      const refusals = forged.slice(wave * 20, wave * 20 + 20).map((token) => postMcp(gateway, token));
      const [responses] = await Promise.all([Promise.all(refusals), client.listTools()]);
      for (const res of responses) {
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({ type: '/problems/unauthenticated', detail: 'The access token is not valid' });
      }
      await expect(client.listTools()).resolves.toMatchObject({ tools: expect.arrayContaining([expect.objectContaining({ name: 'whoami' })]) });
    }
    // At most one fetch per cooldown (1 s here) however many made-up key ids arrived in that time.
    expect(jwks.fetches - fetchesAfterWarmUp).toBeLessThanOrEqual(Math.floor((Date.now() - floodStarted) / 1000) + 1);

    // Past the cooldown, a burst of unknown key ids shares a single fetch.
    await new Promise((r) => setTimeout(r, 1_100));
    const beforeBurst = jwks.fetches;
    const burst = await Promise.all(Array.from({ length: 30 }, () => postMcp(gateway, forgedToken(real, randomUUID()))));
    expect(burst.every((res) => res.status === 401)).toBe(true);
    expect(jwks.fetches - beforeBurst).toBe(1);
    await client.close();
  }, 60_000);

  it('refuses garbage, forged, expired and misaddressed tokens with a fixed sentence, never library wording', async () => {
    const real = await actingUser(gateway);
    const signingKey = privateKeyFrom(testKeys().privateKey);
    const keyid = keyIdOf(publicKeyFrom(signingKey));
    const claims = { sub: String(real.id), role: 'user', ver: 0, jti: randomUUID() };
    const [header, payload] = real.token.split('.');
    const cases: Record<string, string> = {
      'not a JWT': 'not-a-token',
      'three dots of nothing': 'a.b.c',
      'no signature': `${header}.${payload}.`,
      'alg none': jwt.sign(claims, '', { algorithm: 'none', issuer: 'http://localhost:3001', audience: GATEWAY_RESOURCE }),
      'forged under the real key id': forgedToken(real, keyid),
      'for another service': jwt.sign(claims, signingKey, { algorithm: 'RS256', keyid, issuer: 'http://localhost:3001', audience: 'products', expiresIn: 60 }),
      expired: jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, signingKey, {
        algorithm: 'RS256',
        keyid,
        issuer: 'http://localhost:3001',
        audience: GATEWAY_RESOURCE,
      }),
    };
    for (const [what, token] of Object.entries(cases)) {
      const res = await postMcp(gateway, token);
      expect({ what, status: res.status }).toEqual({ what, status: 401 });
      expect(res.body).toMatchObject({ type: '/problems/unauthenticated', detail: expect.stringMatching(/^The access token /) });
      expect({ what, body: JSON.stringify(res.body) }).not.toEqual({ what, body: expect.stringMatching(INTERNAL_TEXT) });
    }
    await postMcp(gateway, cases['expired']).expect((res) => expect(res.body.detail).toMatch(/has expired/));
    await postMcp(gateway, cases['for another service']).expect((res) => expect(res.body.detail).toMatch(/another service/));
    // The stdio entry verifies through the same keys and says the same.
    await expect(gateway.app.get(AccessTokenVerifier).actorFor('not-a-token')).rejects.toMatchObject({ detail: 'The access token is not valid' });
  }, 30_000);
});

describe('a gateway whose JWKS cannot be reached', () => {
  const jwks = new CountingJwks();
  let gateway: TestApp;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    gateway = await startTestApp(McpGatewayModule, {
      env: { JWT_PUBLIC_KEY: '', JWT_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`, JWT_JWKS_COOLDOWN_SECONDS: '1' },
    });
  }, 60_000);
  afterAll(async () => {
    await gateway?.close();
    await jwks.close();
  }, 30_000);

  it('answers 503 without network or library text, and accepts the token once the keys can be fetched', async () => {
    const real = await actingUser(gateway);
    const res = await postMcp(gateway, real.token).expect(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: '/problems/service-unavailable', detail: 'Access tokens cannot be checked right now; try again shortly' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toMatch(INTERNAL_TEXT);
    // Garbage is still plainly refused: there is nothing to fetch keys for.
    await postMcp(gateway, 'not-a-token').expect(401);

    await jwks.listen(port);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the cooldown since the failed fetch
    await postMcp(gateway, real.token).expect(200);
  }, 30_000);
});
