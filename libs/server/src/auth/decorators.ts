import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ANONYMOUS, type Actor, type Role } from '@mercato/core';

export const PUBLIC_ROUTE = 'mercato:public';
export const REQUIRED_ROLES = 'mercato:roles';

/** Opts a route out of the global token requirement. A token, if sent, is still verified. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * A coarse early refusal for routes only some roles may use. The decision that counts is the core policy
 * the service applies; this only saves a round trip and documents the route.
 */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The Actor the verified token stands for, or ANONYMOUS on a public route called without a token. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest<{ user?: Actor }>().user ?? ANONYMOUS;
});
