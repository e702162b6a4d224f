import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';
import { ANONYMOUS, type Actor, type Role } from '@mercato/core';
import { BEARER_SCHEME, NO_CREDENTIALS } from '../openapi/security';

export const PUBLIC_ROUTE = 'mercato:public';
export const REQUIRED_ROLES = 'mercato:roles';

export interface PublicOptions {
  /**
   * The answer depends on who asks (admins also see inactive products): the OpenAPI document lists the bearer
   * token as optional, so Swagger UI and generated clients still send it when they have one.
   */
  tokenOptional?: boolean;
}

/**
 * Opts a route out of the global token requirement, in the guard and in the OpenAPI document alike. A token,
 * if sent, is still verified.
 */
export const Public = ({ tokenOptional = false }: PublicOptions = {}) =>
  applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiSecurity(NO_CREDENTIALS), ...(tokenOptional ? [ApiSecurity(BEARER_SCHEME)] : []));

/**
 * A coarse early refusal for routes only some roles may use. The decision that counts is the core policy
 * the service applies; this only saves a round trip and documents the route.
 */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The Actor the verified token stands for, or ANONYMOUS on a public route called without a token. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ user?: Actor }>().user ?? ANONYMOUS;
});
