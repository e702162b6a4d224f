import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { type Role, UsersRepository } from '@mercato/core';
import { createTestDatabase, type TestDatabase } from '@mercato/data';
import { Argon2PasswordHasher, JwtAccessTokenIssuer } from '@mercato/security';
import { startServiceProcess, startTestApp, type ServiceProcess, type TestApp } from '@mercato/testing';
import { VerificationKey } from '@mercato/server';
import { ProductsApiModule } from '../src/products-api.module';

/**
 * products-api configured the way a deployment without a shared PEM is: it knows only users-api's JWKS URL.
 * users-api runs as its own process (apps may not import each other), over the same database and, as in a
 * deployment, the same Redis key prefix.
 */
let database: TestDatabase;
let usersApi: ServiceProcess;
let usersUrl: string;
let products: TestApp;

beforeAll(async () => {
  database = await createTestDatabase();
  const shared = { REDIS_KEY_PREFIX: `mercato-test:jwks:${randomBytes(4).toString('hex')}:` };
  usersApi = await startServiceProcess('users-api', { database, env: shared });
  usersUrl = usersApi.url;
  // An empty value counts as unset (loadConfig), so this app holds no public key of its own.
  products = await startTestApp(ProductsApiModule, { database, env: { ...shared, JWT_PUBLIC_KEY: '', JWT_JWKS_URL: `${usersUrl}/.well-known/jwks.json` } });
}, 60_000);
afterAll(async () => {
  await products?.close();
  await usersApi?.stop();
  await database?.drop();
});

let counter = 0;
const PASSWORD = 'Jwks1234x';

/** The MCP gateway's resource as users-api knows it by default: a sign-in naming it gets a gateway token. */
const GATEWAY_RESOURCE = 'http://localhost:3003/mcp';

/** An account in the shared users table, signed in through users-api's real login (for the REST APIs unless a resource is named). */
async function signIn(role: Role, resource?: string): Promise<{ id: number; token: string }> {
  const name = `jwks-${role}-${++counter}`;
  const passwordHash = await new Argon2PasswordHasher().hash(PASSWORD);
  const user = await products.app.get(UsersRepository).insert({ email: `${name}@example.com`, username: name, fullName: null, passwordHash, role });
  const res = await fetch(`${usersUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: name, password: PASSWORD, resource }),
  });
  expect(res.status).toBe(200);
  return { id: user.id, token: ((await res.json()) as { access_token: string }).access_token };
}

const createProduct = (token: string, name: string) =>
  products.http.post('/api/v1/products').set('Authorization', `Bearer ${token}`).send({ name, price: 12, stock: 1 });

describe('products-api verifying tokens through users-api JWKS', () => {
  it('accepts an access token issued by users-api login, holding no public key of its own', async () => {
    expect(products.app.get(VerificationKey).publicKey).toBeNull();
    const admin = await signIn('admin');
    const res = await createProduct(admin.token, 'Jwks Lamp').expect(201);
    await products.http
      .get(`/api/v1/products/${res.body.id}`)
      .expect(200)
      .expect((r) => expect(r.body.name).toBe('Jwks Lamp'));
  });

  it('refuses with 401 a token for a real admin signed by another key, whatever key id it claims', async () => {
    const admin = await signIn('admin');
    const [header] = admin.token.split('.');
    const realKid = (JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string }).kid;
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const user = { id: admin.id, role: 'admin' as const, tokenVersion: 0 };
    for (const keyId of [realKid, 'not-a-published-key']) {
      const { token } = new JwtAccessTokenIssuer({ issuer: 'http://localhost:3001', ttlSeconds: 900 }, { privateKey, keyId }).issue(user, {
        audience: 'mercato',
      });
      const res = await createProduct(token, 'Forged Lamp').expect(401);
      expect(res.body).toMatchObject({ type: '/problems/unauthenticated', status: 401 });
    }
    await createProduct(admin.token, 'Genuine Lamp').expect(201);
  });

  it("refuses a deactivated user's still-unexpired token at once", async () => {
    const [boss, leaver] = await Promise.all([signIn('admin'), signIn('admin')]);
    await createProduct(leaver.token, 'Before Leaving').expect(201);
    const res = await fetch(`${usersUrl}/api/v1/users/${leaver.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${boss.token}` } });
    expect(res.status).toBe(204);
    await createProduct(leaver.token, 'After Leaving').expect(401);
    await createProduct(boss.token, 'Still Working').expect(201);
  });

  it("refuses with 401 a real admin's token that users-api issued for the MCP gateway", async () => {
    const admin = await signIn('admin', GATEWAY_RESOURCE);
    const res = await createProduct(admin.token, 'Replayed Lamp').expect(401);
    expect(res.body).toMatchObject({ type: '/problems/unauthenticated', detail: 'The access token was issued for another service' });
    await createProduct((await signIn('admin')).token, 'Lamp For REST').expect(201);
  });
});
