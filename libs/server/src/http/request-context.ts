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

/** Every response carries its request id and how long the server spent on it (X-Process-Time, milliseconds). */
export function addRequestContextHeaders(fastify: FastifyInstance): void {
  // A callback hook, not an async one: no promise per response on the hot path.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('X-Request-Id', request.id).header('X-Process-Time', reply.elapsedTime.toFixed(3));
    done(null, payload);
  });
}
