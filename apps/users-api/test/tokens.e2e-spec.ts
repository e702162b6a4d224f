import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { signedInUser, startTestApp, testKeys, type TestApp } from '@mercato/testing';
import * as jwt from 'jsonwebtoken';
import { UsersApiModule } from '../src/users-api.module';

let api: TestApp;
beforeAll(async () => {
  api = await startTestApp(UsersApiModule);
});
afterAll(() => api.close());

const me = (token: string) => api.http.get('/api/v1/users/me').set('Authorization', `Bearer ${token}`);
const claimsFor = (sub: number) => ({ sub: String(sub), role: 'admin', ver: 0, jti: 'x' });
const signOptions = { issuer: 'http://localhost:3001', audience: 'mercato', expiresIn: 300 } as const;

describe('access token verification', () => {
  it('refuses a request without a token, with WWW-Authenticate', async () => {
    const res = await api.http.get('/api/v1/users/me').expect(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body).toMatchObject({ type: '/problems/unauthenticated', status: 401 });
  });

  it('refuses tampered, expired, foreign-key, unsigned and HMAC-confused tokens', async () => {
    const u = await signedInUser(api);
    const [h, p, s] = u.token.split('.');
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...payload, role: 'admin' })).toString('base64url')}.${s}`;
    const expired = jwt.sign({ ...claimsFor(u.id), exp: Math.floor(Date.now() / 1000) - 10 }, testKeys().privateKey, {
      algorithm: 'RS256',
      issuer: 'http://localhost:3001',
      audience: 'mercato',
    });
    const foreign = jwt.sign(claimsFor(u.id), generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, { algorithm: 'RS256', ...signOptions });
    const unsigned = jwt.sign(claimsFor(u.id), '', { algorithm: 'none', ...signOptions });
    const hmac = `${Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')}.${p}.${s}`;
    const wrongAudience = jwt.sign(claimsFor(u.id), testKeys().privateKey, {
      algorithm: 'RS256',
      issuer: 'http://localhost:3001',
      audience: 'elsewhere',
      expiresIn: 300,
    });
    for (const token of [tampered, expired, foreign, unsigned, hmac, wrongAudience, 'not.a.jwt']) {
      const res = await me(token).expect(401);
      expect(res.body.type).toBe('/problems/unauthenticated');
    }
    await me(u.token).expect(200);
  });

  it("stops a deactivated user's unexpired token at once", async () => {
    const admin = await signedInUser(api, 'admin');
    const u = await signedInUser(api);
    await me(u.token).expect(200);
    await api.http.delete(`/api/v1/users/${u.id}`).set(admin.auth).expect(204);
    await me(u.token).expect(401);
    await api.http.post('/api/v1/auth/refresh').send({ refresh_token: u.refreshToken }).expect(401);
  });

  it('stops tokens issued before a password change', async () => {
    const u = await signedInUser(api);
    await api.http.put(`/api/v1/users/${u.id}`).set(u.auth).send({ password: 'Brand1New', current_password: u.password }).expect(200);
    await me(u.token).expect(401);
    await api.http.post('/api/v1/auth/refresh').send({ refresh_token: u.refreshToken }).expect(401);
    const fresh = await api.http.post('/api/v1/auth/login').send({ username: u.username, password: 'Brand1New' }).expect(200);
    await me(fresh.body.access_token).expect(200);
  });

  it('takes the role from the account, not the token: a demoted admin loses admin routes at once', async () => {
    const root = await signedInUser(api, 'admin');
    const other = await signedInUser(api, 'admin');
    await api.http.get('/api/v1/users').set(other.auth).expect(200);
    await api.http.patch(`/api/v1/users/${other.id}/role`).set(root.auth).send({ role: 'user' }).expect(200);
    await api.http.get('/api/v1/users').set(other.auth).expect(403);
  });

  it('publishes the verification key as a JWKS that verifies issued tokens', async () => {
    const u = await signedInUser(api);
    const res = await api.http.get('/.well-known/jwks.json').expect(200);
    const [jwk] = res.body.keys;
    expect(jwk).toMatchObject({ kty: 'RSA', use: 'sig', alg: 'RS256', kid: expect.any(String) });
    expect(jwk.d).toBeUndefined();
    expect(jwt.decode(u.token, { complete: true })?.header.kid).toBe(jwk.kid);
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    expect(jwt.verify(u.token, key, { algorithms: ['RS256'] })).toMatchObject({
      sub: String(u.id),
      role: 'user',
      iss: 'http://localhost:3001',
      aud: 'mercato',
    });
  });
});
