import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { ServerConfig } from '../config/server-config';

/**
 * Graceful shutdown, first half. On SIGTERM the service reports itself unready and keeps serving for
 * SHUTDOWN_DELAY_SECONDS, so load balancers (Kubernetes endpoints, nginx) stop sending it new requests
 * before it stops listening; then Nest closes the HTTP server, which lets in-flight requests finish, and only
 * after that the database and Redis connections (their modules close on `onApplicationShutdown`).
 * While draining, every response says `Connection: close`, so clients move their keep-alive connections to
 * other replicas during the delay, and a connection busy when the server closes ends with its response
 * instead of lingering until the keep-alive timeout (the server only finishes closing once each has ended).
 */
@Injectable()
export class Drain implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private started = false;

  constructor(@Inject(ServerConfig) private readonly config: ServerConfig) {}

  get draining(): boolean {
    return this.started;
  }

  closeConnectionsWhileDraining(fastify: FastifyInstance): void {
    fastify.addHook('onSend', (_request, reply, payload, done) => {
      if (this.started) void reply.header('connection', 'close');
      done(null, payload);
    });
  }

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    this.started = true;
    const seconds = this.config.SHUTDOWN_DELAY_SECONDS;
    if (signal) this.logger.log(`${signal}: unready now, closing in ${seconds} s after in-flight requests finish`);
    if (seconds > 0) await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
}
