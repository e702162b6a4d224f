import { BadRequestException } from '@nestjs/common';
import { ConflictError, RateLimitedError, ValidationError } from '@mercato/core';
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
});
