import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ForbiddenError } from '@mercato/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { McpGatewayConfig } from './mcp-gateway.config';

const MCP_ROUTE = '/mcp';
/** A Host header is a name or an address and an optional port; anything else (userinfo, paths) is refused. */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i;

/**
 * Screens every /mcp request before authentication and before any JSON-RPC handling, as Fastify hooks:
 * the Host and Origin headers (DNS-rebinding protection: a page that rebinds its own domain name to this
 * gateway still sends that name as Host and its own Origin), then the body's shape (no batches).
 */
@Injectable()
export class McpRequestScreen implements OnModuleInit {
  constructor(
    private readonly adapter: HttpAdapterHost,
    @Inject(McpGatewayConfig) private readonly config: McpGatewayConfig,
  ) {}

  onModuleInit(): void {
    // The stdio entry builds the same module without an HTTP server: nothing to screen there.
    const fastify = this.adapter.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addHook('onRequest', async (request) => {
      if (request.routeOptions.url !== MCP_ROUTE) return;
      this.assertAllowedHost(request);
      this.assertAllowedOrigin(request);
    });
    fastify.addHook('preValidation', async (request, reply) => {
      if (request.routeOptions.url !== MCP_ROUTE || !Array.isArray(request.body)) return;
      // MCP 2025-11-25 removed JSON-RPC batching; the SDK would still run every message of one.
      return reply
        .status(400)
        .type('application/json')
        .send({ jsonrpc: '2.0', error: { code: -32600, message: 'Batches are not supported: send one JSON-RPC message per request' }, id: null });
    });
  }

  private assertAllowedHost(request: FastifyRequest): void {
    const host = (request.headers.host ?? '').toLowerCase();
    const match = HOST_HEADER.exec(host);
    const allowed = this.config.allowedHosts;
    if (match && (allowed.has(match[1]) || allowed.has(host) || match[1] === ownAddress(request))) return;
    throw new ForbiddenError('This MCP server does not answer to that Host name');
  }

  private assertAllowedOrigin(request: FastifyRequest): void {
    const origin = request.headers.origin;
    if (origin && !this.config.allowedOrigins.has(origin.replace(/\/$/, '')) && !this.config.allowedOrigins.has(withoutPort(origin))) {
      throw new ForbiddenError(`Origin ${origin} is not allowed to use this MCP server`);
    }
  }
}

/**
 * The address this connection arrived at, as a Host would name it. An address literal cannot be rebound, and
 * it is how in-cluster callers reach the gateway (by pod IP).
 */
function ownAddress(request: FastifyRequest): string | undefined {
  const address = request.socket.localAddress?.replace(/^::ffff:/, '');
  if (!address) return undefined;
  return address.includes(':') ? `[${address}]` : address;
}

function withoutPort(origin: string): string {
  try {
    const url = new URL(origin);
    return `${url.protocol}//${url.hostname}`;
  } catch {
    return origin;
  }
}
