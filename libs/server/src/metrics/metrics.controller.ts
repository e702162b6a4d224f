import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { Metrics } from './metrics';

/**
 * Prometheus scrape endpoint. It is public on the service port because the ingress and nginx route only the
 * API prefixes, and the network policies let only the monitoring namespace reach it directly.
 */
@ApiTags('health')
@Public()
@Controller()
export class MetricsController {
  constructor(@Inject(Metrics) private readonly metrics: Metrics) {}

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition: HTTP latency, process, database pool, cache and MCP tool metrics' })
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
