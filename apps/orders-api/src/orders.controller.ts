import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, ListOrdersQuery, OrdersService, OrderView, SetOrderStatusDto } from '@mercato/core';
import { ApiPage, ApiProblems, CurrentActor, permissionNote, Requires } from '@mercato/server';

const OTHERS_ARE_NOT_FOUND = "Another account's order is 404, except for admins.";

@ApiTags('orders')
@Controller('api/v1/orders')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get()
  @ApiOperation({
    summary: 'Orders, newest first',
    description: `Your own orders; callers with ${permissionNote('order:read-any')} see everyone's, or one account's with \`user_id\`. Filter by \`status\` and by UTC day with \`from\` and \`to\` (YYYY-MM-DD, both included).`,
  })
  @ApiPage(OrderView)
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ListOrdersQuery) {
    return this.orders.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One order', description: OTHERS_ARE_NOT_FOUND })
  @ApiOkResponse({ type: OrderView })
  @ApiProblems(401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.orders.get(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Cancel an order, returning its stock',
    description: `The owner or an admin, while \`confirmed\`. The stock goes back exactly once: canceling a canceled order again changes nothing; a shipped or delivered one is 409. ${OTHERS_ARE_NOT_FOUND}`,
  })
  @ApiOkResponse({ type: OrderView })
  @ApiProblems(401, 403, 404, 409)
  cancel(@CurrentActor() actor: Actor, @Param('id') id: string) {
    return this.orders.cancel(actor, id);
  }

  @Patch(':id/status')
  @Requires('order:set-status')
  @ApiOperation({
    summary: 'Move an order forward',
    description: '`shipped` or `delivered`, forward only (confirmed → shipped → delivered); anything else is 409.',
  })
  @ApiOkResponse({ type: OrderView })
  @ApiProblems(400, 401, 403, 404, 409)
  setStatus(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() dto: SetOrderStatusDto) {
    return this.orders.setStatus(actor, id, dto);
  }
}
