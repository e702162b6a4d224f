import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { ServerConfig } from '../config/server-config';

/** JSON lines with the request id; credentials are redacted before anything is written. */
export function loggingModule(service: string) {
  return LoggerModule.forRootAsync({
    inject: [ServerConfig],
    useFactory: (config: ServerConfig) => ({
      // nestjs-pino 5's default route pattern matches no route on platform-fastify 12: name them all, or nothing is logged
      forRoutes: [{ path: '*path', method: RequestMethod.ALL }],
      pinoHttp: [
        {
          level: config.LOG_LEVEL,
          base: { service },
          genReqId: (req: IncomingMessage) => String(req.headers['x-request-id']),
          customAttributeKeys: { reqId: 'request_id' },
          // Every line logged while serving a request carries just its id (not the whole request), so lines
          // correlate with X-Request-Id without repeating headers.
          quietReqLogger: true,
          redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
          serializers: {
            req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
            res: (res: { statusCode: number }) => ({ status: res.statusCode }),
          },
          customLogLevel: (_req: unknown, res: { statusCode: number }, error?: Error) =>
            error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
          ...(config.NODE_ENV === 'test' ? { autoLogging: false } : {}),
        },
        pino.destination(config.LOG_DESTINATION === 'stderr' ? 2 : 1),
      ],
    }),
  });
}
