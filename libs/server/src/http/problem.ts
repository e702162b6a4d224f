import { HttpException, HttpStatus } from '@nestjs/common';
import { DomainError, type FieldError, RateLimitedError, ReportedProblem, ValidationError } from '@mercato/core';

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
export const problemType = (slug: string) => `/problems/${slug}`;

/** The only place that knows which HTTP status each domain error travels as. */
const STATUS_BY_TYPE: Record<string, number> = {
  'validation-failed': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'insufficient-stock': 409,
  'too-many-requests': 429,
  'upstream-failed': 502,
  'service-unavailable': 503,
};

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
    const status = STATUS_BY_TYPE[error.type] ?? 400;
    const problem: Problem = { type: problemType(error.type), title: error.title, status, detail: error.detail, ...error.extensions };
    if (error instanceof ValidationError || error instanceof ReportedProblem) problem.errors = error.errors;
    if (problem.errors === undefined) delete problem.errors;
    const headers: Record<string, string> = {};
    if (status === 401) headers['www-authenticate'] = 'Bearer';
    if (error instanceof RateLimitedError) headers['retry-after'] = String(error.retryAfterSeconds);
    if (status === 503) headers['retry-after'] = '5';
    return { problem, headers };
  }
  const status = httpStatusOf(error);
  // Only an error no one gave a client status to: an aborted upload is Fastify's 400, not an outage.
  if ((!status || status >= 500) && isDependencyUnreachable(error)) {
    return {
      problem: {
        type: problemType('service-unavailable'),
        title: 'Service unavailable',
        status: 503,
        detail: `A service we depend on is unreachable; try again shortly. Reference ${requestId}.`,
      },
      headers: { 'retry-after': '5' },
    };
  }
  if (error instanceof HttpException && status === 503) {
    // Deliberate 503s (readiness) keep which check failed, and nothing else of what they carry.
    const body = error.getResponse();
    const details = typeof body === 'object' && body !== null && 'details' in body ? { details: body.details } : {};
    return {
      problem: { type: problemType('service-unavailable'), title: 'Service unavailable', status, detail: 'Not ready to serve', ...details },
      headers: {},
    };
  }
  if (status && status < 500) {
    const detail = messageOf(error) ?? HttpStatus[status] ?? 'Bad request';
    const slug = (HttpStatus[status] ?? 'client-error').toLowerCase().replace(/_/g, '-');
    const headers: Record<string, string> = status === 401 ? { 'www-authenticate': 'Bearer' } : {};
    return { problem: { type: problemType(slug), title: titleOf(status), status, detail }, headers };
  }
  return {
    problem: {
      type: problemType('internal-error'),
      title: 'Internal error',
      status: 500,
      detail: `Something went wrong on our side. Quote reference ${requestId} when reporting it.`,
    },
    headers: {},
  };
}

/**
 * The database (or another dependency) could not be reached: the socket failed, PostgreSQL refused or lost
 * the connection (SQLSTATE 08000–08006, not 08P01, a protocol violation that is our bug) or is shutting down
 * (57P01–57P03). Worth retrying, unlike a 500. REST answers 503; the MCP gateway a service-unavailable result.
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
  for (
    let e = error as { code?: unknown; driverError?: unknown; message?: unknown } | undefined, depth = 0;
    e && depth < 3;
    e = e.driverError as typeof e, depth++
  ) {
    if (typeof e.code === 'string' && UNREACHABLE_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && /^Connection terminated|timeout exceeded when trying to connect/.test(e.message)) return true;
  }
  return false;
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

function titleOf(status: number): string {
  const name = HttpStatus[status];
  return name ? name.charAt(0) + name.slice(1).toLowerCase().replace(/_/g, ' ') : 'Client error';
}
