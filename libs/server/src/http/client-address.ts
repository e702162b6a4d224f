import type { FastifyRequest } from 'fastify';

/**
 * The caller's address for per-client limits. Behind a proxy (TRUST_PROXY) it is the left-most
 * X-Forwarded-For entry; otherwise the socket's, since anyone can write that header.
 */
export function clientAddress(request: FastifyRequest, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string' && forwarded) return forwarded.split(',')[0].trim();
  return request.socket.remoteAddress ?? 'unknown';
}
