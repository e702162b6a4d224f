import { type AuthService, RateLimitedError, UnauthenticatedError, type User } from '@mercato/core';
import { clientAddress } from '@mercato/server';
import type { FastifyRequest } from 'fastify';

export interface SignInForm {
  username?: string;
  password?: string;
}

/** A refused sign-in, as a page says it: the status, the reason, and the name typed, to fill the form in again. */
export interface RefusedSignIn {
  status: 401 | 429;
  error: string;
  username: string;
}

/**
 * A sign-in from a page's form, with the same argon2 check and login budgets as POST /auth/login. A wrong password
 * or a spent budget is an answer for the page; anything else is thrown.
 */
export async function signInWithForm(
  auth: AuthService,
  form: SignInForm | undefined,
  request: FastifyRequest,
  trustProxy: boolean,
): Promise<User | RefusedSignIn> {
  const username = String(form?.username ?? '');
  try {
    return await auth.authenticate({ username, password: String(form?.password ?? '') }, clientAddress(request, trustProxy));
  } catch (error) {
    if (!(error instanceof UnauthenticatedError || error instanceof RateLimitedError)) throw error;
    return { status: error instanceof RateLimitedError ? 429 : 401, error: error.detail, username };
  }
}

export function isRefused(outcome: User | RefusedSignIn): outcome is RefusedSignIn {
  return 'error' in outcome;
}
