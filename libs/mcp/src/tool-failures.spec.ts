import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { toProblem } from '@mercato/server';
import { toolCallError, toolResultError } from './tool-failures';

const failed = (text: string): CallToolResult => ({ isError: true, content: [{ type: 'text', text }] });
const restProblem = (text: string) => toProblem(toolResultError(failed(text), 'req-5'), 'req-5').problem;

describe('a tool failure read back by a REST route', () => {
  it('passes on the caller’s own refusal with its code, the catalogue’s title and status, and its members', () => {
    const text = JSON.stringify({ type: 'insufficient-stock', title: 'Not enough stock', detail: 'Product 7 has 2 in stock', stock: 2 });
    expect(restProblem(text)).toEqual({
      type: '/problems/insufficient-stock',
      title: 'Not enough stock',
      status: 409,
      detail: 'Product 7 has 2 in stock',
      stock: 2,
    });
    const invalid = {
      type: 'validation-failed',
      title: 'Your request is not valid',
      detail: 'text: too long',
      errors: [{ field: 'text', rule: 'maxLength', message: 'too long' }],
    };
    expect(restProblem(JSON.stringify(invalid))).toMatchObject({ status: 400, errors: invalid.errors });
  });

  it('takes the title from the catalogue, not from the tool’s text', () => {
    expect(restProblem(JSON.stringify({ type: 'forbidden', title: 'Whatever the tool said', detail: 'Admins only' }))).toMatchObject({
      type: '/problems/forbidden',
      title: 'Not allowed',
      status: 403,
    });
  });

  it('answers 502 for a code outside the catalogue, the platform’s own failures and text that is not a problem', () => {
    for (const type of ['teapot', 'constructor', 'internal-error', 'upstream-failed']) {
      expect(restProblem(JSON.stringify({ type, title: 'x', detail: 'secret cause' }))).toMatchObject({ type: '/problems/upstream-failed', status: 502 });
    }
    expect(restProblem('lexicon file /srv/afinn.json is corrupt')).toMatchObject({
      type: '/problems/upstream-failed',
      detail: expect.stringContaining('req-5'),
    });
  });

  it('answers 503 when the tool could not reach a dependency', () => {
    const text = JSON.stringify({ type: 'service-unavailable', title: 'Service unavailable', detail: 'retry' });
    expect(restProblem(text)).toMatchObject({ type: '/problems/service-unavailable', status: 503, detail: expect.stringContaining('req-5') });
  });

  it('answers 502 with only a reference when running the tool threw instead of returning a result', () => {
    expect(toProblem(toolCallError('req-5'), 'req-5').problem).toEqual({
      type: '/problems/upstream-failed',
      title: 'A service we depend on failed',
      status: 502,
      detail: 'The tool could not be run; quote reference req-5 when reporting it.',
    });
  });
});
