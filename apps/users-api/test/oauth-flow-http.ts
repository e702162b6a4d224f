import { createHash, randomBytes } from 'node:crypto';
import type { TestApp } from '@mercato/testing';
import supertest from 'supertest';

export const RESOURCE = 'http://localhost:3003/mcp';
export const REDIRECT = 'http://127.0.0.1:53682/callback';

/** A browser's view of the sign-in flow, through HTTP alone: a cookie jar, forms and redirects. */
export class FlowBrowser {
  readonly agent: ReturnType<typeof supertest.agent>;
  readonly verifier = randomBytes(32).toString('base64url');

  constructor(
    private readonly api: TestApp,
    readonly clientId: string,
  ) {
    this.agent = supertest.agent(api.app.getHttpServer());
  }

  static async register(api: TestApp): Promise<FlowBrowser> {
    const res = await api.http
      .post('/oauth/register')
      .send({ client_name: 'Flow client', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' })
      .expect(201);
    return new FlowBrowser(api, res.body.client_id as string);
  }

  /** Starts an authorization and returns the interaction page's path. */
  async start(scope?: string): Promise<string> {
    const challenge = createHash('sha256').update(this.verifier).digest('base64url');
    const res = await this.agent
      .get('/oauth/authorize')
      .query({
        response_type: 'code',
        client_id: this.clientId,
        redirect_uri: REDIRECT,
        state: 'st',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        resource: RESOURCE,
        ...(scope ? { scope } : {}),
      })
      .expect(303);
    return res.headers['location'] as string;
  }

  async csrfOf(page: string): Promise<string> {
    const res = await this.agent.get(page).expect(200);
    return /name="csrf" value="([^"]+)"/.exec(res.text)?.[1] ?? '';
  }

  signIn(page: string, username: string, password: string, csrf?: string) {
    return (async () =>
      this.agent
        .post(`${page}/login`)
        .type('form')
        .send({ csrf: csrf ?? (await this.csrfOf(page)), username, password }))();
  }

  /** Follows redirects inside the server (resume, next interaction) until one leaves it or shows a page. */
  async follow(location: string): Promise<string> {
    let to = location;
    while (!to.startsWith(REDIRECT) && !to.startsWith('/oauth/interaction/')) {
      const res = await this.agent.get(to.replace(/^https?:\/\/[^/]+/, '')).expect(303);
      to = res.headers['location'] as string;
    }
    return to;
  }

  /** Signs in and allows: the redirect back to the client, with its code. */
  async authorize(username: string, password: string, scope?: string): Promise<URL> {
    const page = await this.start(scope);
    const signedIn = await this.signIn(page, username, password);
    const consent = await this.follow(signedIn.headers['location'] as string);
    const allowed = await this.agent
      .post(`${consent}/consent`)
      .type('form')
      .send({ csrf: await this.csrfOf(consent), decision: 'allow' })
      .expect(303);
    return new URL(await this.follow(allowed.headers['location'] as string));
  }

  exchange(code: string, verifier = this.verifier) {
    return this.api.http
      .post('/oauth/token')
      .type('form')
      .send({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: REDIRECT, client_id: this.clientId });
  }

  refresh(refreshToken: string, scope?: string) {
    return this.api.http
      .post('/oauth/token')
      .type('form')
      .send({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: this.clientId, ...(scope ? { scope } : {}) });
  }
}
