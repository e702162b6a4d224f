import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiSecurity } from '@nestjs/swagger';
import { ANONYMOUS, type Actor, type Permission } from '@mercato/core';
import { PERMISSION_EXTENSION } from '../openapi/permissions';
import { BEARER_SCHEME, NO_CREDENTIALS } from '../openapi/security';

export const PUBLIC_ROUTE = 'mercato:public';
export const REQUIRED_PERMISSION = 'mercato:permission';

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
 * The permission a route needs whoever asks, checked by the guard with core's `assertCan` before the input is
 * read: a caller without it is refused (401/403) rather than told what is wrong with a body it may not send.
 * The service still decides with the same permission; this refuses early and documents the route
 * (`x-permission`). Routes whose answer depends on the target (yourself or anyone) declare nothing and leave
 * the decision to the service.
 */
export const Requires = (permission: Permission) =>
  applyDecorators(SetMetadata(REQUIRED_PERMISSION, permission), ApiExtension(PERMISSION_EXTENSION, permission));

/** The Actor the verified token stands for, or ANONYMOUS on a public route called without a token. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ user?: Actor }>().user ?? ANONYMOUS;
});
