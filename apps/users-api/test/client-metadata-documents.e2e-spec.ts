import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '@mercato/testing';
import { UsersApiModule } from '../src/users-api.module';
import { RESOURCE } from './oauth-flow-http';

let api: TestApp;
let local: TestApp;
let documents: Server;
let base: string;
/** What the document server answers per path: a client's published metadata, or something that is not one. */
const served: Record<string, object> = {};

beforeAll(async () => {
  documents = createServer((req, res) => {
    const body = served[req.url ?? ''];
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => documents.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(documents.address() as AddressInfo).port}`;
  api = await startTestApp(UsersApiModule);
  local = await startTestApp(UsersApiModule, { env: { OAUTH_ALLOW_LOOPBACK_CLIENT_METADATA: 'true' } });
});
afterAll(async () => {
  await Promise.all([api?.close(), local?.close()]);
  await new Promise((resolve) => documents.close(resolve));
});

const authorize = (app: TestApp, clientId: string, redirectUri: string) =>
  app.http.get('/oauth/authorize').query({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    resource: RESOURCE,
  });

const publish = (path: string, metadata: object = {}) => {
  const id = `${base}${path}`;
  served[path] = { client_id: id, client_name: 'Local agent', redirect_uris: [`${base}/cb`], token_endpoint_auth_method: 'none', ...metadata };
  return id;
};

describe('client ID metadata documents', () => {
  it('are announced in the metadata', async () => {
    const { body } = await api.http.get('/.well-known/oauth-authorization-server').expect(200);
    expect(body.client_id_metadata_document_supported).toBe(true);
  });

  it('are never fetched from loopback or private addresses over https, and the refusal is a page, not a redirect', async () => {
    // The library's guard against such addresses hooks the process's fetch dispatcher; it says so when it cannot.
    const warn = jest.spyOn(console, 'warn');
    for (const id of ['https://127.0.0.1:9/client.json', 'https://10.0.0.5/client.json', 'https://[::1]/client.json']) {
      const res = await authorize(api, id, 'https://app.example/cb').expect(400);
      expect(res.headers['location']).toBeUndefined();
      expect(res.text).toContain('This sign-in cannot continue');
    }
    expect(warn.mock.calls.flat().join('\n')).not.toMatch(/SSRF protection/);
    warn.mockRestore();
  });

  it('are not read over http, even on loopback, unless the development setting says so', async () => {
    const id = publish('/plain.json');
    await authorize(api, id, `${base}/cb`).expect(400);
    const res = await authorize(local, id, `${base}/cb`).expect(303);
    expect(res.headers['location']).toMatch(/^\/oauth\/interaction\//);
  });

  it('are not read over http when NODE_ENV=production, whatever the development setting says', async () => {
    const production = await startTestApp(UsersApiModule, { env: { NODE_ENV: 'production', OAUTH_ALLOW_LOOPBACK_CLIENT_METADATA: 'true' } });
    try {
      await authorize(production, publish('/in-production.json'), `${base}/cb`).expect(400);
    } finally {
      await production.close();
    }
  });

  it('bind the redirect URIs they list, and must name themselves as client_id', async () => {
    const id = publish('/bound.json');
    const elsewhere = await authorize(local, id, 'https://evil.example/cb').expect(400);
    expect(elsewhere.headers['location']).toBeUndefined();
    served['/impostor.json'] = { client_id: `${base}/someone-else.json`, redirect_uris: [`${base}/cb`], token_endpoint_auth_method: 'none' };
    await authorize(local, `${base}/impostor.json`, `${base}/cb`).expect(400);
  });
});
