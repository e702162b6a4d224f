import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService, LoginDto, RefreshTokenDto, TokenResponseView } from '@mercato/core';
import { ApiProblems, clientAddress, Public, ServerConfig } from '@mercato/server';
import type { FastifyRequest } from 'fastify';

@ApiTags('auth')
@Public()
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: ServerConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in',
    description:
      'Username or e-mail and password, as JSON or as an OAuth2 password-grant form. The access token is for the REST APIs, or, with ' +
      "`resource` set to the MCP gateway's resource URL (RFC 8707), for the gateway; any other `resource` is refused (400). " +
      'Repeated failures are throttled (429).',
  })
  @ApiConsumes('application/json', 'application/x-www-form-urlencoded')
  @ApiOkResponse({ type: TokenResponseView })
  @ApiProblems(400, 401, 429)
  login(@Body() dto: LoginDto, @Req() request: FastifyRequest): Promise<TokenResponseView> {
    return this.auth.login(dto, clientAddress(request, this.config.TRUST_PROXY));
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for new tokens',
    description: 'Each refresh token works once; reusing one revokes its whole session. The new access token is for the service the session signed in for.',
  })
  @ApiOkResponse({ type: TokenResponseView })
  @ApiProblems(400, 401)
  refresh(@Body() { refresh_token }: RefreshTokenDto): Promise<TokenResponseView> {
    return this.auth.refresh(refresh_token);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session a refresh token belongs to' })
  @ApiNoContentResponse({ description: 'Signed out (also when the token was already invalid)' })
  @ApiProblems(400)
  logout(@Body() { refresh_token }: RefreshTokenDto): Promise<void> {
    return this.auth.logout(refresh_token);
  }
}
