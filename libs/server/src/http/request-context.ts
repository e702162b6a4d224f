import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

const REQUEST_ID = 'x-request-id';
/** Accept a caller's id (a proxy's, another service's) only if it is short and plain, to keep logs clean. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Reuses the incoming X-Request-Id or makes one; the logger and the error mapper read the same id. */
export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID];
  const id = typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
  req.headers[REQUEST_ID] = id;
  return id;
}

const started = Symbol('started');

/** Every response carries its request id and how long the server spent on it (X-Process-Time, milliseconds). */
export function addRequestContextHeaders(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', async (request) => {
    (request as unknown as Record<symbol, bigint>)[started] = process.hrtime.bigint();
  });
  fastify.addHook('onSend', async (request, reply) => {
    const began = (request as unknown as Record<symbol, bigint>)[started];
    void reply.header('X-Request-Id', request.id);
    if (began) void reply.header('X-Process-Time', (Number(process.hrtime.bigint() - began) / 1e6).toFixed(3));
  });
}
