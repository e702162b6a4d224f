import type { FastifyInstance } from 'fastify';
import type { DatabasePool } from '@mercato/data';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What a cache lookup came to: served from Redis, loaded from the database, or Redis unusable. */
export type CacheLookup = 'hit' | 'miss' | 'error';

/**
 * The Prometheus metrics of one service. Each app gets its own registry rather than prom-client's global
 * one, so several apps in one process (tests, the stdio entry) never mix or double-register series.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route pattern and status',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly cacheLookups = new Counter({
    name: 'cache_lookups_total',
    help: 'Product cache lookups by result (hit, miss, error)',
    labelNames: ['result'],
    registers: [this.registry],
  });

  readonly mcpToolCalls = new Counter({
    name: 'mcp_tool_calls_total',
    help: 'MCP tool calls by tool and outcome (ok, or the problem type)',
    labelNames: ['tool', 'outcome'],
    registers: [this.registry],
  });

  readonly mcpToolDuration = new Histogram({
    name: 'mcp_tool_call_duration_seconds',
    help: 'MCP tool call duration by tool',
    labelNames: ['tool'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Pool gauges are read when Prometheus scrapes, so they cost nothing between scrapes. */
  watchDatabasePool(pool: () => DatabasePool | undefined): void {
    const read = (pick: (p: DatabasePool) => number) =>
      function (this: Gauge) {
        const p = pool();
        if (p) this.set(pick(p));
      };
    new Gauge({ name: 'db_pool_connections', help: 'Open database connections', registers: [this.registry], collect: read((p) => p.totalCount) });
    new Gauge({ name: 'db_pool_idle_connections', help: 'Idle database connections', registers: [this.registry], collect: read((p) => p.idleCount) });
    new Gauge({
      name: 'db_pool_waiting_requests',
      help: 'Queries waiting for a free connection',
      registers: [this.registry],
      collect: read((p) => p.waitingCount),
    });
  }

  /** Times every response; the route label is the route pattern (never the raw URL, which would explode cardinality). */
  observeHttp(fastify: FastifyInstance): void {
    fastify.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      this.httpDuration.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
      done();
    });
  }

  observeToolCall(tool: string, outcome: string, ms: number): void {
    this.mcpToolCalls.inc({ tool, outcome });
    this.mcpToolDuration.observe({ tool }, ms / 1000);
  }
}
