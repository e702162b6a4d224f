import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@mercato/core';
import { consumeOrRefuse, type Redis, sharedLimiter } from '@mercato/redis';
import { REDIS } from '@mercato/server';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { McpGatewayConfig } from '../mcp-gateway.config';

/**
 * Each account's MCP requests per minute, spent through either door: a POST to /mcp, or a REST route that runs
 * a tool in process. Keyed by the account, not the token: a fresh token from /auth/refresh (or a second
 * sign-in) starts no new budget.
 */
@Injectable()
export class McpAccountBudget {
  private readonly perAccount: RateLimiterAbstract;

  constructor(@Inject(McpGatewayConfig) config: McpGatewayConfig, @Inject(REDIS) redis: Redis | null) {
    this.perAccount = sharedLimiter(redis, `${config.REDIS_KEY_PREFIX}mcp:account`, config.MCP_REQUESTS_PER_MINUTE, 60);
  }

  /** Takes one request from the actor's budget, or throws RateLimitedError (429 with Retry-After). */
  spend(actor: Actor): Promise<void> {
    return consumeOrRefuse(this.perAccount, accountKey(actor), 'MCP requests for this account');
  }
}

/** The guard lets only signed-in users through; the other kinds share one key should that ever change. */
function accountKey(actor: Actor): string {
  return actor.kind === 'user' ? `user:${actor.userId}` : actor.kind;
}
