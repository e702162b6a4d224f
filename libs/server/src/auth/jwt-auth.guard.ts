import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, AuthModuleOptions } from '@nestjs/passport';
import { ForbiddenError, type Actor, type Role, UnauthenticatedError } from '@mercato/core';
import { PUBLIC_ROUTE, REQUIRED_ROLES } from './decorators';
import { tokenRefusal } from './token-refusal';

/** Global guard: every route needs a valid token unless marked @Public(); @Roles() narrows further. */
@Injectable()
export class JwtAuthGuard extends AuthGuard() {
  /** The options carry this app's strategy name (see STRATEGY_NAME). */
  constructor(
    private readonly reflector: Reflector,
    options: AuthModuleOptions,
  ) {
    super(options);
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets);
    const request = context.switchToHttp().getRequest<{ headers: Record<string, unknown>; user?: Actor }>();
    if (isPublic && !request.headers['authorization']) return true;
    await super.canActivate(context);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    const actor = request.user;
    if (roles?.length && (actor?.kind !== 'user' || !roles.includes(actor.role))) {
      throw new ForbiddenError(`This needs one of the roles: ${roles.join(', ')}`);
    }
    return true;
  }

  /** A missing token is asked for; any other refusal gets one fixed sentence per cause (tokenRefusal), never library text. */
  override handleRequest<T>(error: unknown, user: T, info: unknown): T {
    if (error) throw error;
    if (!user) {
      const missing = !(info instanceof Error) || info.message === 'No auth token';
      throw missing ? new UnauthenticatedError('An access token is required (Authorization: Bearer …)') : tokenRefusal(info);
    }
    return user;
  }
}
