import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, CreateUserDto, ListUsersQuery, SetRoleDto, UpdateUserDto, UsersService, UserView } from '@mercato/core';
import { consumeOrRefuse, type Redis, sharedLimiter } from '@mercato/redis';
import { ApiPage, ApiProblems, clientAddress, CurrentActor, IdPipe, permissionNote, Public, REDIS, Requires } from '@mercato/server';
import type { FastifyRequest } from 'fastify';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { UsersApiConfig } from './users-api.config';

@ApiTags('users')
@Controller('api/v1/users')
export class UsersController {
  private readonly registrationsPerClient: RateLimiterAbstract;

  constructor(
    private readonly users: UsersService,
    @Inject(UsersApiConfig) private readonly config: UsersApiConfig,
    @Inject(REDIS) redis: Redis | null,
  ) {
    // Every attempt counts, refused ones too: each costs an argon2 hash or tells whether a name is taken.
    this.registrationsPerClient = sharedLimiter(redis, `${config.REDIS_KEY_PREFIX}register:client`, config.REGISTRATIONS_PER_HOUR_PER_CLIENT, 3600);
  }

  @Post()
  @Public()
  @ApiOperation({ summary: 'Register', description: 'Creates an account with the `user` role. Sign-ups per client address are limited per hour (429).' })
  @ApiCreatedResponse({ type: UserView })
  @ApiProblems(400, 409, 429)
  async register(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto, @Req() request: FastifyRequest) {
    await consumeOrRefuse(this.registrationsPerClient, clientAddress(request, this.config.TRUST_PROXY), 'sign-ups from this address');
    return this.users.register(actor, dto);
  }

  @Get('me')
  @ApiOperation({ summary: 'The signed-in user', description: 'A token narrowed by scopes needs `users:read`.' })
  @ApiOkResponse({ type: UserView })
  @ApiProblems(401, 403)
  me(@CurrentActor() actor: Actor) {
    return this.users.me(actor);
  }

  @Get()
  @Requires('user:list')
  @ApiOperation({ summary: 'List users', description: 'Filter by role, activity and a search term over e-mail, username and full name.' })
  @ApiPage(UserView)
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ListUsersQuery) {
    return this.users.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One user', description: `Yourself, or anyone with ${permissionNote('user:read-any')}.` })
  @ApiOkResponse({ type: UserView })
  @ApiProblems(400, 401, 403, 404)
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: number) {
    return this.users.get(actor, id);
  }

  @Put(':id')
  @ApiOperation({
    summary: 'Update a user',
    description:
      `Yourself with ${permissionNote('user:update-self')}, or anyone with ${permissionNote('user:update-any')}. ` +
      'Changing your own password needs `current_password`; wrong ones count against the sign-in budgets (429). `role`, `is_active` and unknown fields are refused.',
  })
  @ApiOkResponse({ type: UserView })
  @ApiProblems(400, 401, 403, 404, 409, 429)
  update(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: number, @Body() dto: UpdateUserDto, @Req() request: FastifyRequest) {
    return this.users.update(actor, id, dto, clientAddress(request, this.config.TRUST_PROXY));
  }

  @Patch(':id/role')
  @Requires('user:set-role')
  @ApiOperation({ summary: "Change a user's role", description: 'The last active admin cannot be demoted.' })
  @ApiOkResponse({ type: UserView })
  @ApiProblems(400, 401, 403, 404)
  setRole(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: number, @Body() dto: SetRoleDto) {
    return this.users.setRole(actor, id, dto);
  }

  @Delete(':id')
  @Requires('user:deactivate')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deactivate a user', description: 'Soft delete: the account stays, its tokens stop working at once.' })
  @ApiNoContentResponse({ description: 'Deactivated' })
  @ApiProblems(400, 401, 403, 404)
  deactivate(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: number) {
    return this.users.deactivate(actor, id);
  }
}
