import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';

/**
 * What a desktop MCP client keeps for one server, in memory: its registration, the PKCE verifier, the tokens,
 * and the authorization URL it would open in the user's browser. Its redirect URI is a loopback listener that
 * hands back the code the authorization server sends there.
 */
export class LoopbackOAuthClient implements OAuthClientProvider {
  authorizationUrl?: URL;
  private info?: OAuthClientInformationMixed;
  private saved?: OAuthTokens;
  private verifier = '';
  readonly redirectUrl: string;
  readonly documentUrl: string;

  private constructor(
    private readonly server: Server,
    private readonly codes: ((query: URLSearchParams) => void)[],
    base: string,
  ) {
    this.redirectUrl = `${base}/callback`;
    this.documentUrl = `${base}/client.json`;
  }

  /**
   * `documented`: the client publishes its metadata at `/client.json` on its own listener and uses that URL as its
   * client_id (a client ID metadata document), instead of registering.
   */
  static async start({ documented = false } = {}): Promise<LoopbackOAuthClient> {
    const waiting: ((query: URLSearchParams) => void)[] = [];
    // The listener serves the document of the client it is created for.
    const self: { client?: LoopbackOAuthClient } = {};
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const client = self.client;
      if (url.pathname === '/client.json' && client) {
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60' });
        res.end(JSON.stringify({ client_id: client.documentUrl, ...client.clientMetadata }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('You can close this window.');
      waiting.shift()?.(url.searchParams);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = new LoopbackOAuthClient(server, waiting, `http://127.0.0.1:${port}`);
    self.client = client;
    if (documented) client.info = { client_id: client.documentUrl };
    return client;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'Mercato test agent',
      redirect_uris: [this.redirectUrl],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    };
  }

  /** The query of the next request to the redirect URI: `code`, `state`, `iss`, or `error`. */
  nextRedirect(): Promise<URLSearchParams> {
    return new Promise((resolve) => this.codes.push(resolve));
  }

  clientInformation() {
    return this.info;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.info = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
