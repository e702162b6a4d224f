import { Module } from '@nestjs/common';
import { AgentLimits, AgentLimitsService, toCents } from '@mercato/core';
import { DataModule } from '@mercato/data';
import { ServerConfig } from '../config/server-config';

/**
 * What each account lets apps spend per checkout: users-api reads and sets it, orders-api holds purchases above it.
 * One provider for both contexts, with the platform default (AGENT_CHECKOUT_LIMIT) every service reads alike.
 */
@Module({
  imports: [DataModule],
  providers: [
    {
      provide: AgentLimitsService,
      inject: [AgentLimits, ServerConfig],
      useFactory: (limits: AgentLimits, c: ServerConfig) => new AgentLimitsService(limits, toCents(c.AGENT_CHECKOUT_LIMIT)),
    },
  ],
  exports: [AgentLimitsService],
})
export class AgentLimitsModule {}
