import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES } from '@mercato/core';
import { renderErrorDocs } from './render-error-docs';

describe('docs/ERRORS.md', () => {
  const committed = readFileSync(join(__dirname, '../../docs/ERRORS.md'), 'utf8');

  it('matches the error catalogue (regenerate with npm run docs:errors)', () => {
    expect(renderErrorDocs()).toBe(committed);
  });

  it('lists every code with its problem type', () => {
    for (const code of ERROR_CODES) expect(committed).toContain(`| \`${code}\` | \`/problems/${code}\` |`);
  });
});
