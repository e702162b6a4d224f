import { AsyncLocalStorage } from 'node:async_hooks';
import { Global, Module } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { LoggerModule } from 'nestjs-pino';
import pino, { type Level, type Logger } from 'pino';
import { ServerConfig } from '../config/server-config';
import { SERVICE_INFO, type ServiceInfo } from '../service-info';

/** The id of the request being served, so every line logged while serving it carries that id. */
const requestIds = new AsyncLocalStorage<string>();

/** The service's one pino logger: the app's log lines and the access log both write through it. */
export class RootLogger {
  constructor(
    readonly pino: Logger,
    private readonly accessLog: boolean,
  ) {}

  /**
   * One access-log line per response, written from Fastify's own hooks. This replaces pino-http run as Nest
   * middleware, which built a child logger and went through the middleware layer on every request whatever the
   * level; here a response below the level costs one comparison.
   */
  logRequests(fastify: FastifyInstance): void {
    // Callback-style hook: the rest of the request's handling runs inside `done`, so inside the context.
    fastify.addHook('onRequest', (request, _reply, done) => requestIds.run(request.id, done));
    if (!this.accessLog) return;
    fastify.addHook('onResponse', (request, reply, done) => {
      const status = reply.statusCode;
      const level: Level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
      if (this.pino.isLevelEnabled(level)) {
        this.pino[level](
          { req: { method: request.method, url: request.url }, res: { status }, responseTime: Math.round(reply.elapsedTime) },
          'request completed',
        );
      }
      done();
    });
  }
}

export function rootLogger(
  config: Pick<ServerConfig, 'LOG_LEVEL' | 'LOG_DESTINATION' | 'NODE_ENV'>,
  service: Pick<ServiceInfo, 'name'>,
  destination: pino.DestinationStream = pino.destination(config.LOG_DESTINATION === 'stderr' ? 2 : 1),
): RootLogger {
  const logger = pino(
    {
      level: config.LOG_LEVEL,
      base: { service: service.name },
      mixin: () => {
        const id = requestIds.getStore();
        return id === undefined ? {} : { request_id: id };
      },
      // Nothing logs credentials on purpose; this keeps a request or response logged whole from leaking them.
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
    },
    destination,
  );
  // Tests drive apps in-process and read responses, not access lines.
  return new RootLogger(logger, config.NODE_ENV !== 'test');
}

@Global()
@Module({
  providers: [{ provide: RootLogger, inject: [ServerConfig, SERVICE_INFO], useFactory: rootLogger }],
  exports: [RootLogger],
})
class RootLoggerModule {}

/** JSON lines with the request id: Nest's logger (through nestjs-pino) writes through the root logger. */
export function loggingModule() {
  return LoggerModule.forRootAsync({
    imports: [RootLoggerModule],
    inject: [RootLogger],
    // No routes: requests are logged from Fastify hooks (RootLogger.logRequests), not as Nest middleware.
    useFactory: (root: RootLogger) => ({ forRoutes: [], pinoHttp: { logger: root.pino } }),
  });
}
