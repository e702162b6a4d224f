import { Body, Controller, Get, HttpCode, Param, Post, Put, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CheckoutsService, CheckoutView, CreateCheckoutDto, OrderView, UpdateCheckoutDto } from '@mercato/core';
import { ApiProblems, CurrentActor, Requires } from '@mercato/server';
import type { FastifyReply } from 'fastify';
import { ApiIdempotencyKey, IdempotencyKey } from './idempotency-key';

const OTHERS_ARE_NOT_FOUND = "Another account's checkout is 404, except for admins.";

@ApiTags('checkouts')
@Controller('api/v1/checkouts')
export class CheckoutsController {
  constructor(private readonly checkouts: CheckoutsService) {}

  @Post()
  @Requires('order:buy')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Start a checkout, reserving its stock',
    description:
      "Reserves the stock of every line in one transaction, all or none, at today's prices. Too little stock is 409 `insufficient-stock` with `items[]` ({ product_id, requested, available }) and nothing reserved; a product that does not exist or is no longer sold is 422 naming the line. The checkout holds its stock until `expires_at`.",
  })
  @ApiCreatedResponse({ type: CheckoutView })
  @ApiProblems(400, 401, 403, 409, 422)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateCheckoutDto, @IdempotencyKey() key: string) {
    return this.checkouts.create(actor, dto, key);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One checkout', description: `Past its expiry a checkout reads as \`expired\`. ${OTHERS_ARE_NOT_FOUND}` })
  @ApiOkResponse({ type: CheckoutView })
  @ApiProblems(401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.checkouts.get(actor, id);
  }

  @Put(':id')
  @ApiOperation({
    summary: 'Replace the lines of a checkout',
    description: `While \`ready_for_complete\`: reserves or releases only the difference, all or nothing; lines kept keep their price. Any other status is 409. ${OTHERS_ARE_NOT_FOUND}`,
  })
  @ApiOkResponse({ type: CheckoutView })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: UpdateCheckoutDto) {
    return this.checkouts.update(actor, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel a checkout, releasing its stock',
    description: `A canceled checkout stays canceled (a repeat changes nothing); a completed or expired one is 409. ${OTHERS_ARE_NOT_FOUND}`,
  })
  @ApiOkResponse({ type: CheckoutView })
  @ApiProblems(401, 403, 404, 409)
  cancel(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.checkouts.cancel(actor, id);
  }

  @Post(':id/complete')
  @ApiIdempotencyKey()
  @ApiOperation({
    summary: 'Complete a checkout into an order',
    description: `The checkout becomes \`completed\` with its \`order_id\`, and the order \`confirmed\`. The same key again returns the same order; completing a completed, canceled or expired checkout otherwise is 409. Payment is not taken (see the README). An app acting for the user (a token issued to an OAuth client) completing above the user's agent spending limit gets 202 and the checkout as \`requires_escalation\` with a \`continue_url\` where the user approves or declines; once approved, the same call completes it. ${OTHERS_ARE_NOT_FOUND}`,
  })
  @ApiCreatedResponse({ type: OrderView })
  @ApiAcceptedResponse({ type: CheckoutView, description: 'Waiting for the user: `requires_escalation`, with `continue_url`' })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  async complete(@CurrentActor() actor: Actor, @Param('id') id: string, @IdempotencyKey() key: string, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.checkouts.complete(actor, id, key);
    if (result.status === 'requires_escalation') void reply.code(202);
    return result;
  }
}
