import { Controller, Get, Inject, Logger } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DatabaseStatus } from '@mercato/data';
import type { Redis } from '@mercato/redis';
import { Public } from '../auth/decorators';
import { REDIS } from '../redis/redis.module';
import { SERVICE_INFO, type ServiceInfo } from '../service-info';
import { Drain } from '../http/drain';

@ApiTags('health')
@Public()
@Controller()
export class HealthController {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly db: DatabaseStatus,
    @Inject(REDIS) private readonly redis: Redis | null,
    @Inject(SERVICE_INFO) private readonly service: ServiceInfo,
    @Inject(Drain) private readonly drain: Drain,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Service name, version and where its documentation lives' })
  root() {
    return { name: this.service.name, version: this.service.version, docs: '/docs', openapi: '/docs-json', health: '/health' };
  }

  @Get('health')
  @ApiOkResponse({ description: '`{ status, version }`' })
  summary() {
    return { status: 'ok', version: this.service.version };
  }

  /**
   * Liveness: the process answers. Never checks dependencies, so a database outage does not restart pods, and
   * bypasses terminus, which answers 503 to every check while shutting down: a draining pod is still alive.
   */
  @Get('health/live')
  @ApiOkResponse({ description: '`{ status: "ok" }` while the process serves requests' })
  live() {
    return { status: 'ok' };
  }

  /**
   * Readiness: the database answers and the service is not shutting down. Redis is reported but only
   * degrades the service, never takes it out.
   */
  @Get('health/ready')
  @HealthCheck()
  @ApiServiceUnavailableResponse({ description: 'The database is unreachable, or the service is shutting down' })
  ready() {
    return this.health.check([() => this.lifecycle(), () => this.database(), () => this.cache()]);
  }

  private lifecycle() {
    const check = this.indicators.check('lifecycle');
    return this.drain.draining ? check.down({ message: 'shutting down' }) : check.up();
  }

  private async database() {
    const check = this.indicators.check('database');
    try {
      await withTimeout(this.db.ping(), 2_000);
      return check.up();
    } catch (error) {
      // The driver's message names hosts and users; it goes to the log, the probe answer stays generic.
      this.logger.warn(`database check failed: ${error instanceof Error ? error.message : String(error)}`);
      return check.down({ message: 'unreachable' });
    }
  }

  private async cache() {
    const check = this.indicators.check('redis');
    if (!this.redis) return check.up({ mode: 'disabled' });
    try {
      await withTimeout(this.redis.ping(), 1_000);
      return check.up({ mode: 'connected' });
    } catch {
      return check.up({ mode: 'degraded', message: 'Redis is unreachable; serving from the database' });
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
