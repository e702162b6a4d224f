import { isIPv6 } from 'node:net';
import type { FastifyRequest } from 'fastify';

/**
 * The caller's address for per-client limits. Behind a proxy (TRUST_PROXY) it is the left-most
 * X-Forwarded-For entry; otherwise the socket's, since anyone can write that header. An IPv6 caller is
 * counted by its /64, the block one subscriber gets: otherwise each of its 2^64 addresses would be a fresh budget.
 */
export function clientAddress(request: FastifyRequest, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  const address = trustProxy && typeof forwarded === 'string' && forwarded ? forwarded.split(',')[0].trim() : request.socket.remoteAddress;
  return address ? limitKeyOf(address) : 'unknown';
}

/** An IPv4 address (also when IPv4-mapped) as it is; an IPv6 address as its /64 network. */
export function limitKeyOf(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
