import { Logger } from '@nestjs/common';
import type { OAuthModelStore, OAuthPayload } from '@mercato/data';
import { LOOPBACK_HOSTS } from './redirect-uris';

const MAX_BYTES = 5 * 1024;
const TIMEOUT_MS = 2_500;

/**
 * Client ID metadata documents served over plain http on this machine, for testing a local client. The library
 * fetches https documents itself and refuses loopback addresses, as production must; this development setting
 * answers the library's client lookups for `http://127.0.0.1…` ids with the document at that address, under the
 * same rules: short timeout, size cap, no redirects, `client_id` equal to its URL, cached as `Cache-Control` says.
 */
export class LoopbackClientDocuments {
  private readonly logger = new Logger('OAuth');
  private readonly cache = new Map<string, { payload: OAuthPayload; until: number }>();

  /** A store for the library's `Client` model that also resolves loopback document ids. */
  wrap(store: OAuthModelStore): OAuthModelStore {
    const find = store.find.bind(store);
    return Object.assign(Object.create(store) as OAuthModelStore, {
      find: async (id: string) => (isLoopbackDocument(id) ? this.resolve(id) : find(id)),
    });
  }

  private async resolve(id: string): Promise<OAuthPayload | undefined> {
    const cached = this.cache.get(id);
    if (cached && cached.until > Date.now()) return cached.payload;
    try {
      const res = await fetch(id, { redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json' } });
      const body = await res.arrayBuffer();
      if (res.status !== 200 || body.byteLength > MAX_BYTES) return undefined;
      const payload = JSON.parse(Buffer.from(body).toString()) as OAuthPayload;
      if (payload['client_id'] !== id || 'client_secret' in payload) return undefined;
      const maxAge = Number(/max-age=(\d+)/i.exec(res.headers.get('cache-control') ?? '')?.[1] ?? 30);
      this.cache.set(id, { payload, until: Date.now() + Math.min(maxAge, 86_400) * 1000 });
      return payload;
    } catch (error) {
      this.logger.warn(`client metadata document ${id} could not be read: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
}

function isLoopbackDocument(id: string): boolean {
  const url = URL.parse(id);
  return !!url && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname) && !url.hash;
}
