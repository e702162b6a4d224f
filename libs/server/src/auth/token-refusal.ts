import { type DomainError, ServiceUnavailableError, UnauthenticatedError } from '@mercato/core';
import * as jwt from 'jsonwebtoken';
import { SigningKeysUnavailableError } from './jwks-cache';

/**
 * What a client is told when its token is not accepted: one fixed sentence per cause, never the wording of
 * the JWT library or of a network error (those stay in the logs). Keys we cannot fetch are our outage, not the
 * caller's bad token: 503, so clients retry instead of signing in again.
 */
export function tokenRefusal(reason: unknown): DomainError {
  if (reason instanceof SigningKeysUnavailableError) {
    return new ServiceUnavailableError('Access tokens cannot be checked right now; try again shortly');
  }
  if (reason instanceof jwt.TokenExpiredError) return new UnauthenticatedError('The access token has expired; refresh it or sign in again');
  if (reason instanceof jwt.NotBeforeError) return new UnauthenticatedError('The access token is not valid yet');
  if (reason instanceof jwt.JsonWebTokenError && reason.message.startsWith('jwt audience invalid')) {
    return new UnauthenticatedError('The access token was issued for another service');
  }
  return new UnauthenticatedError('The access token is not valid');
}

/**
 * How passport's outcome reads, for the HTTP guard and the stdio verifier alike: the actor the strategy
 * accepted, or the refusal. A missing token is asked for; any other refusal gets its fixed sentence.
 */
export function acceptedActor<T>(error: unknown, user: T | false | null | undefined, info: unknown): T {
  if (error) throw error;
  if (!user) {
    const missing = !(info instanceof Error) || info.message === 'No auth token';
    throw missing ? new UnauthenticatedError('An access token is required (Authorization: Bearer …)') : tokenRefusal(info);
  }
  return user;
}
