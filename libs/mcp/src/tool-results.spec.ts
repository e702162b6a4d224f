import { ForbiddenError, ValidationError } from '@mercato/core';
import { outcomeOf, toolError } from './tool-results';

const problem = (result: ReturnType<typeof toolError>) => JSON.parse((result.content[0] as { text: string }).text) as Record<string, unknown>;

describe('tool refusals and failures', () => {
  it('passes a domain refusal on with its type, and every bad argument for a validation failure', () => {
    expect(problem(toolError(new ForbiddenError('Admins only'), 'r1'))).toMatchObject({ type: 'forbidden', detail: 'Admins only' });
    const invalid = toolError(new ValidationError([{ field: 'limit', rule: 'max', message: 'limit must not be greater than 100' }]), 'r1');
    expect(invalid.isError).toBe(true);
    expect(problem(invalid)['errors']).toEqual([{ field: 'limit', rule: 'max', message: 'limit must not be greater than 100' }]);
  });

  it('tells the model to retry when the database is unreachable, naming no host', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { code: 'ECONNREFUSED' });
    const result = problem(toolError(refused, 'req-9'));
    expect(result).toMatchObject({ type: 'service-unavailable' });
    expect(JSON.stringify(result)).not.toMatch(/10\.0\.0\.5|ECONNREFUSED/);
    expect(outcomeOf(refused)).toBe('service-unavailable');
  });

  it('says only "internal error" and a reference for anything unexpected', () => {
    const result = problem(toolError(new Error('relation "products" does not exist'), 'req-10'));
    expect(result).toMatchObject({ type: 'internal-error' });
    expect(String(result['detail'])).toContain('req-10');
    expect(JSON.stringify(result)).not.toMatch(/relation/);
    expect(outcomeOf(new TypeError('x'))).toBe('internal-error');
  });
});
