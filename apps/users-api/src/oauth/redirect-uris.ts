import { errors } from 'oidc-provider';

/** This machine, as a URL names it. */
export const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Where a client may have its codes sent: https anywhere, or http on this machine's loopback (a desktop or CLI
 * client listening on any port). Nothing else: no other schemes, no plain http across a network.
 */
export function assertRedirectUrisAllowed(uris: string[] | undefined): void {
  for (const uri of uris ?? []) {
    const url = URL.parse(uri);
    const allowed = url && (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)));
    if (!allowed) throw new errors.InvalidRedirectUri('redirect_uris must be https, or http on a loopback address');
  }
}
