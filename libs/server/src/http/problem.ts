import { HttpException } from '@nestjs/common';
import {
  DomainError,
  ERROR_CATALOGUE,
  type ErrorCode,
  type FieldError,
  InsufficientScopeError,
  RateLimitedError,
  ReportedProblem,
  ValidationError,
} from '@mercato/core';

/** RFC 9457 problem details, the body of every error response. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
/** Problem types are relative URIs under /problems/, stable identifiers clients may branch on. */
export const problemType = (code: ErrorCode) => `/problems/${code}`;

/**
 * What an error of the HTTP framework itself (Nest's HttpException, Fastify's body and static-file errors)
 * is answered with, found by its status. A client error whose status has no code here is a plain
 * bad-request, so every problem type sent is one the catalogue documents.
 */
const FRAMEWORK_CODES = [
  'bad-request',
  'unauthenticated',
  'forbidden',
  'not-found',
  'conflict',
  'precondition-failed',
  'payload-too-large',
  'unsupported-media-type',
  'requested-range-not-satisfiable',
  'too-many-requests',
] as const satisfies readonly ErrorCode[];
const FRAMEWORK_CODE_BY_STATUS = new Map<number, ErrorCode>(FRAMEWORK_CODES.map((code) => [ERROR_CATALOGUE[code].status, code]));

export interface MappedError {
  problem: Problem;
  headers: Record<string, string>;
}

/**
 * Maps anything thrown to a problem. Unknown errors become a bare 500 naming the request id, so the
 * client gets a reference for support and never a stack trace, SQL or driver message.
 */
export function toProblem(error: unknown, requestId: string): MappedError {
  if (error instanceof DomainError) {
    const problem = problemOf(error.type, error.detail, error.extensions);
    if (error instanceof ValidationError || error instanceof ReportedProblem) problem.errors = error.errors;
    if (problem.errors === undefined) delete problem.errors;
    const headers = headersFor(problem.status);
    if (error instanceof RateLimitedError) headers['retry-after'] = String(error.retryAfterSeconds);
    if (error instanceof InsufficientScopeError) headers['www-authenticate'] = insufficientScopeChallenge(error);
    return { problem, headers };
  }
  const status = httpStatusOf(error);
  // Only an error no one gave a client status to: an aborted upload is Fastify's 400, not an outage.
  const retryable = !status || status >= 500 ? retryableFailure(error) : undefined;
  if (retryable) {
    const problem = problemOf('service-unavailable', `${retryable}; try again shortly. Reference ${requestId}.`);
    return { problem, headers: headersFor(problem.status) };
  }
  if (error instanceof HttpException && status === 503) {
    // Deliberate 503s (readiness) keep which check failed, and nothing else of what they carry.
    const body = error.getResponse();
    const details = typeof body === 'object' && body !== null && 'details' in body ? { details: body.details } : {};
    return { problem: problemOf('service-unavailable', 'Not ready to serve', details), headers: {} };
  }
  if (status && status < 500) {
    const code = FRAMEWORK_CODE_BY_STATUS.get(status) ?? 'bad-request';
    const problem = problemOf(code, messageOf(error) ?? ERROR_CATALOGUE[code].title);
    return { problem, headers: headersFor(problem.status) };
  }
  return { problem: problemOf('internal-error', `Something went wrong on our side. Quote reference ${requestId} when reporting it.`), headers: {} };
}

function problemOf(code: ErrorCode, detail: string, extensions: Record<string, unknown> = {}): Problem {
  const { status, title } = ERROR_CATALOGUE[code];
  return { type: problemType(code), title, status, detail, ...extensions };
}

/**
 * RFC 6750 §3: a token that lacks a scope is answered with the scopes to ask for, so a client can get a token
 * with them and retry (the MCP step-up). Scope names are from core's closed vocabulary, never caller text.
 */
function insufficientScopeChallenge(error: InsufficientScopeError): string {
  return `Bearer error="insufficient_scope", scope="${error.stepUpScopes.join(' ')}"`;
}

/** A 401 says how to authenticate; a 503 when to come back. */
function headersFor(status: number): Record<string, string> {
  if (status === 401) return { 'www-authenticate': 'Bearer' };
  if (status === 503) return { 'retry-after': '5' };
  return {};
}

/**
 * The database (or another dependency) could not be reached: the socket failed, PostgreSQL refused or lost
 * the connection (SQLSTATE 08000–08006, not 08P01, a protocol violation that is our bug) or is shutting down
 * (57P01–57P03), or this process has closed its pool while shutting down. TypeORM releases a query runner whose
 * connection failed, so the next query of the same operation (a page's count after its rows) reports only that the
 * runner was released. Worth retrying, unlike a 500. REST answers 503; the MCP gateway a service-unavailable result.
 */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
]);
export function isDependencyUnreachable(error: unknown): boolean {
  return causes(error).some(
    (e) =>
      (typeof e.code === 'string' && UNREACHABLE_CODES.has(e.code)) ||
      e.name === 'QueryRunnerAlreadyReleasedError' ||
      (typeof e.message === 'string' &&
        /^Connection terminated|timeout exceeded when trying to connect|^Cannot use a pool after calling end on the pool/.test(e.message)),
  );
}

/**
 * PostgreSQL gave up a transaction to let a concurrent one through (a deadlock, a serialization failure): it rolled
 * back whole, so nothing changed and the same request may simply be sent again. Lock order makes these rare.
 */
const GAVE_WAY_CODES = new Set(['40P01', '40001']);

/** Why a failure is worth retrying, said for the 503's detail; undefined when it is not. */
export function retryableFailure(error: unknown): string | undefined {
  if (isDependencyUnreachable(error)) return 'A service we depend on is unreachable';
  if (causes(error).some((e) => typeof e.code === 'string' && GAVE_WAY_CODES.has(e.code)))
    return 'The database gave way to a concurrent request and changed nothing';
  return undefined;
}

/** The error and the driver errors it wraps (TypeORM's QueryFailedError keeps pg's as driverError). */
function causes(error: unknown): { code?: unknown; name?: unknown; message?: unknown }[] {
  const found: { code?: unknown; name?: unknown; message?: unknown; driverError?: unknown }[] = [];
  for (let e = error as (typeof found)[number] | undefined; e && found.length < 3; e = e.driverError as (typeof found)[number]) found.push(e);
  return found;
}

function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  // Fastify's own errors (bad JSON, body too large, wrong content type) carry a statusCode.
  const code = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof code === 'number' && code >= 400 && code < 600 ? code : undefined;
}

function messageOf(error: unknown): string | undefined {
  if (error instanceof HttpException) {
    const body = error.getResponse();
    const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
    return Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : undefined;
  }
  return error instanceof Error ? error.message : undefined;
}
