import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, AgentLimitsService, AgentLimitView, SetAgentLimitDto } from '@mercato/core';
import { ApiProblems, CurrentActor } from '@mercato/server';

/** What apps acting for the signed-in user may spend per checkout before the user must approve. */
@ApiTags('users')
@Controller('api/v1/users/me/agent-limit')
export class AgentLimitController {
  constructor(private readonly limits: AgentLimitsService) {}

  @Get()
  @ApiOperation({
    summary: 'Your agent spending limit',
    description: 'The most an app (an OAuth client such as an AI agent) may spend for you per checkout without your approval, and whether it is the default.',
  })
  @ApiOkResponse({ type: AgentLimitView })
  @ApiProblems(401, 403)
  get(@CurrentActor() actor: Actor) {
    return this.limits.get(actor);
  }

  @Put()
  @ApiOperation({
    summary: 'Set your agent spending limit',
    description:
      "In the shop's currency, 0 to 1,000,000 with at most 2 decimals; `null` restores the default. When an app completes a checkout above it, the checkout waits as `requires_escalation` until you approve it at its `continue_url`. Only you, signed in to Mercato, may change it: a token issued to an app is refused (403).",
  })
  @ApiOkResponse({ type: AgentLimitView })
  @ApiProblems(400, 401, 403)
  set(@CurrentActor() actor: Actor, @Body() dto: SetAgentLimitDto) {
    return this.limits.set(actor, dto);
  }
}
