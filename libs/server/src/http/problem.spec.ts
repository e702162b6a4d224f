import { BadRequestException, HttpException, ServiceUnavailableException } from '@nestjs/common';
import { ConflictError, ERROR_CATALOGUE, ERROR_CODES, InsufficientScopeError, RateLimitedError, ReportedProblem, ValidationError } from '@mercato/core';
import { toProblem } from './problem';

describe('toProblem', () => {
  it('maps domain errors to their status with a stable type', () => {
    expect(toProblem(new ConflictError('taken', 'email'), 'r1').problem).toEqual({
      type: '/problems/conflict',
      title: 'Conflict with the current state',
      status: 409,
      detail: 'taken',
      field: 'email',
    });
    const limited = toProblem(new RateLimitedError('slow down', 30), 'r1');
    expect(limited.problem.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('30');
  });

  it('answers a missing scope with 403 and an RFC 6750 challenge naming the scopes to ask for', () => {
    const { problem, headers } = toProblem(new InsufficientScopeError('catalog:write', ['catalog:read']), 'r1');
    expect(problem).toEqual({
      type: '/problems/insufficient-scope',
      title: 'Insufficient scope',
      status: 403,
      detail: "This token's scopes do not allow this; it needs the scope catalog:write",
      scope: 'catalog:write',
    });
    expect(headers).toEqual({ 'www-authenticate': 'Bearer error="insufficient_scope", scope="catalog:read catalog:write"' });
  });

  it('lists each invalid field', () => {
    const { problem } = toProblem(new ValidationError([{ field: 'email', rule: 'isEmail', message: 'bad' }]), 'r1');
    expect(problem).toMatchObject({ status: 400, errors: [{ field: 'email', rule: 'isEmail', message: 'bad' }] });
  });

  it('keeps framework 4xx errors and hides everything about unknown ones', () => {
    expect(toProblem(new BadRequestException('nope'), 'r1').problem).toMatchObject({ status: 400, detail: 'nope' });
    const secret = new Error('relation "users" does not exist at /srv/app.js:10');
    const { problem } = toProblem(secret, 'req-42');
    expect(problem).toMatchObject({ status: 500, type: '/problems/internal-error' });
    expect(JSON.stringify(problem)).not.toMatch(/relation|srv|app\.js/);
    expect(problem.detail).toContain('req-42');
  });

  it('answers 503 with Retry-After when the database cannot be reached, naming no host or driver detail', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' });
    const shuttingDown = { name: 'QueryFailedError', message: 'terminating connection', driverError: { code: '57P01' } };
    // the last: a request still running while the process shuts its pool down
    for (const error of [
      refused,
      shuttingDown,
      new Error('Connection terminated unexpectedly'),
      new Error('Cannot use a pool after calling end on the pool'),
      // a page's count after its rows, when the connection broke in between
      Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), { name: 'QueryRunnerAlreadyReleasedError' }),
    ]) {
      const { problem, headers } = toProblem(error, 'req-7');
      expect(problem).toMatchObject({ status: 503, type: '/problems/service-unavailable' });
      expect(headers['retry-after']).toBe('5');
      expect(JSON.stringify(problem)).not.toMatch(/10\.0\.0\.5|ECONNREFUSED|57P01/);
    }
    expect(toProblem(Object.assign(new Error('duplicate'), { code: '23505' }), 'r').problem.status).toBe(500);
  });

  it('answers 503 to a transaction PostgreSQL rolled back to let a concurrent one through, which is safe to send again', () => {
    for (const code of ['40P01', '40001']) {
      const { problem, headers } = toProblem({ name: 'QueryFailedError', message: 'deadlock detected', driverError: { code } }, 'req-9');
      expect(problem).toMatchObject({ status: 503, type: '/problems/service-unavailable' });
      expect(problem.detail).toMatch(/^The database gave way to a concurrent request and changed nothing; try again shortly/);
      expect(headers['retry-after']).toBe('5');
    }
  });

  it('keeps what a deliberate 503 reports, such as the failing health check', () => {
    const unready = new ServiceUnavailableException({ status: 'error', details: { database: { status: 'down' } } });
    expect(toProblem(unready, 'r1').problem).toEqual({
      type: '/problems/service-unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: 'Not ready to serve',
      details: { database: { status: 'down' } },
    });
  });

  it('sends every catalogued code with the catalogue’s status and title, and the headers its status calls for', () => {
    for (const code of ERROR_CODES) {
      const { problem, headers } = toProblem(new ReportedProblem(code, 'as reported'), 'r1');
      const { status, title } = ERROR_CATALOGUE[code];
      expect(problem).toEqual({ type: `/problems/${code}`, title, status, detail: 'as reported' });
      expect(headers['www-authenticate']).toBe(status === 401 ? 'Bearer' : undefined);
      expect(headers['retry-after']).toBe(status === 503 ? '5' : undefined);
    }
  });

  it('answers the HTTP framework’s own client errors with a catalogued code, and any other status as bad-request', () => {
    // Fastify's body and static-file errors carry a statusCode and a message of their own.
    const fastify = (statusCode: number, message: string) => Object.assign(new Error(message), { statusCode });
    expect(toProblem(fastify(400, "Body is not valid JSON but content-type is set to 'application/json'"), 'r1').problem).toEqual({
      type: '/problems/bad-request',
      title: 'Bad request',
      status: 400,
      detail: "Body is not valid JSON but content-type is set to 'application/json'",
    });
    const cases: [number, string, string][] = [
      [404, '/problems/not-found', 'Not found'],
      [412, '/problems/precondition-failed', 'Precondition failed'],
      [413, '/problems/payload-too-large', 'Payload too large'],
      [415, '/problems/unsupported-media-type', 'Unsupported media type'],
      [416, '/problems/requested-range-not-satisfiable', 'Requested range not satisfiable'],
    ];
    for (const [status, type, title] of cases)
      expect(toProblem(fastify(status, 'says why'), 'r1').problem).toEqual({ type, title, status, detail: 'says why' });
    expect(toProblem(new HttpException('I am a teapot', 418), 'r1').problem).toEqual({
      type: '/problems/bad-request',
      title: 'Bad request',
      status: 400,
      detail: 'I am a teapot',
    });
    expect(toProblem(fastify(401, 'no'), 'r1').headers).toEqual({ 'www-authenticate': 'Bearer' });
  });
});
