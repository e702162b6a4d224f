import { type ArgumentsHost, Catch, type ExceptionFilter, Inject, Logger, Optional } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, toProblem } from './problem';

/** The WWW-Authenticate value a service sends with 401s, when it has more to say than `Bearer` (RFC 9728). */
export const AUTH_CHALLENGE = Symbol('AUTH_CHALLENGE');

/** One error mapper for the whole HTTP surface: every error leaves as application/problem+json. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  constructor(@Optional() @Inject(AUTH_CHALLENGE) private readonly challenge?: string) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { problem, headers } = toProblem(error, String(request.id));
    // Written while serving the request, so the line carries its request_id like every other.
    if (problem.status === 500) this.logger.error({ err: error }, 'Unhandled error');
    else if (problem.status > 500) this.logger.warn({ err: error }, problem.detail);
    if (problem.status === 401 && this.challenge) headers['www-authenticate'] = this.challenge;
    // A scope challenge (403) carries the service's own challenge parameters too, such as the MCP gateway's
    // resource_metadata, which the MCP authorization spec asks for on step-up as on sign-in.
    if (problem.status === 403 && headers['www-authenticate'] && this.challenge) headers['www-authenticate'] += challengeParameters(this.challenge);
    problem.instance = request.url.split('?')[0];
    void reply.status(problem.status).headers(headers).type(PROBLEM_CONTENT_TYPE).send(problem);
  }
}

/** `Bearer a="1", b="2"` → `, a="1", b="2"`; nothing for a bare `Bearer`. */
function challengeParameters(challenge: string): string {
  const parameters = challenge.replace(/^Bearer\s*/i, '');
  return parameters ? `, ${parameters}` : '';
}
