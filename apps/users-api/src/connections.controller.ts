import { Controller, Delete, Get, HttpCode, Param } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, ConnectionsService, ConnectionView } from '@mercato/core';
import { ApiProblems, CurrentActor } from '@mercato/server';

/** The apps (OAuth clients, MCP agents among them) holding a grant for the signed-in account. */
@ApiTags('users')
@Controller('api/v1/users/me/connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Get()
  @ApiOperation({
    summary: 'Apps connected to your account',
    description: 'Each client holding a grant: its name, the scopes granted, when, and when it last got a token.',
  })
  @ApiOkResponse({ type: ConnectionView, isArray: true })
  @ApiProblems(401, 403)
  list(@CurrentActor() actor: Actor) {
    return this.connections.list(actor);
  }

  @Delete(':client_id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Disconnect an app',
    description: "Ends the app's grants for your account: its refresh tokens at once, and its access tokens on their next use.",
  })
  @ApiNoContentResponse({ description: 'Disconnected' })
  @ApiProblems(400, 401, 403, 404)
  revoke(@CurrentActor() actor: Actor, @Param('client_id') clientId: string) {
    return this.connections.revoke(actor, clientId);
  }
}
