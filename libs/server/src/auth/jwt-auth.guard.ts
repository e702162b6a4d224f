import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, AuthModuleOptions } from '@nestjs/passport';
import { ANONYMOUS, assertCan, type Actor, type Permission } from '@mercato/core';
import { PUBLIC_ROUTE, REQUIRED_PERMISSION } from './decorators';
import { acceptedActor } from './token-refusal';

/**
 * Global guard: every route needs a valid token unless marked @Public(); @Requires() asks core whether the
 * caller holds the route's permission, so the refusal is core's own. Guards run before pipes: a caller without
 * the permission is refused before its input is validated.
 */
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
    // A public route still verifies a token that is sent; without one the caller is anonymous.
    if (!isPublic || request.headers['authorization']) await super.canActivate(context);
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (permission) assertCan(request.user ?? ANONYMOUS, permission);
    return true;
  }

  /** Read as the stdio verifier reads it: a fixed sentence per refusal (tokenRefusal), never library text. */
  override handleRequest<T>(error: unknown, user: T, info: unknown): T {
    return acceptedActor(error, user, info);
  }
}
