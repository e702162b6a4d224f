import etag from '@fastify/etag';
import type { Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JsonText } from '@mercato/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { ServerConfig } from '../config/server-config';
import { RootLogger } from '../logging/logging';
import { Metrics } from '../metrics/metrics';
import { setupOpenApi } from '../openapi/openapi';
import { SERVICE_INFO, type ServiceInfo } from '../service-info';
import { Drain } from './drain';
import { InputPipe } from './input.pipe';
import { addRequestContextHeaders, requestIdFor } from './request-context';

/**
 * The one HTTP bootstrap: Fastify (JSON and form bodies, 1 MiB at most), problem+json for
 * every error including Fastify's own, request ids, CORS, OpenAPI, metrics, graceful shutdown hooks.
 * Returns the app initialised but not listening, so tests can drive it on an ephemeral port.
 */
export async function createApp(module: Type<unknown>): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ genReqId: requestIdFor, bodyLimit: 1_048_576 });
  // A failure while building the app is thrown to the caller, with Nest's own report of it left unflushed in
  // the log buffer: bootstrap prints one line, tests see the error.
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true, abortOnError: false, autoFlushLogs: false });
  const config = app.get(ServerConfig);
  app.useLogger(app.get(Logger));
  app.flushLogs();

  const fastify = app.getHttpAdapter().getInstance();
  fastify.setReplySerializer(serializeReply);
  app.get(RootLogger).logRequests(fastify);
  addRequestContextHeaders(fastify);
  app.get(Metrics).observeHttp(fastify);
  app.get(Drain).closeConnectionsWhileDraining(fastify);
  // ETag on every response and 304 for a matching If-None-Match: clients revalidate without downloading again.
  await app.register(etag);

  app.enableCors({ origin: config.corsOrigins, exposedHeaders: ['X-Request-Id', 'X-Process-Time', 'Retry-After', 'ETag'] });
  app.useGlobalPipes(new InputPipe());
  app.enableShutdownHooks();
  setupOpenApi(app, app.get<ServiceInfo>(SERVICE_INFO));
  await app.init();
  await fastify.ready();
  return app;
}

/**
 * Starts a service: builds it and listens on HOST:PORT from its config. A failure to start (bad config,
 * unreachable database) prints one clear message and exits non-zero instead of an unhandled rejection or
 * the framework's stack trace.
 */
export async function bootstrap(module: Type<unknown>): Promise<void> {
  try {
    const app = await createApp(module);
    const config = app.get(ServerConfig);
    await app.listen(config.PORT, config.HOST);
  } catch (error) {
    console.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}

/** JSON for every reply; a JsonText (a cached page) is already JSON, bytes or text, and is sent as it is. */
function serializeReply(payload: unknown): string {
  // Fastify sends a Buffer from its serializer as it would a string.
  return payload instanceof JsonText ? (payload.json as string) : JSON.stringify(payload);
}
