import type { FieldError } from './errors';

/** Deeper than any input Mercato accepts; a body nested further is an attack on the parser, not data. */
export const MAX_INPUT_DEPTH = 20;

// A UTF-16 code unit of a surrogate pair without its partner: valid in a JS string, not text PostgreSQL can store.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Enough to show a client what is wrong; a body crafted to hold thousands of bad values gets no more work. */
const MAX_REPORTED = 10;

/**
 * The text PostgreSQL refuses (NUL in text and jsonb, lone surrogates) and nesting deeper than any real
 * input, found anywhere in untrusted input — values and object keys alike — and named by field path.
 * Checked before validation, so a value no rule of a DTO looks at (free-form metadata) is caught too.
 */
export function unstorableInput(input: unknown): FieldError[] {
  const errors: FieldError[] = [];
  collect(input, '', 0, errors);
  return errors;
}

function collect(input: unknown, field: string, depth: number, errors: FieldError[]): void {
  if (typeof input === 'string') {
    const problem = problemOf(input);
    if (problem) errors.push(fieldError(field, `${field || 'input'} ${problem}`));
    return;
  }
  if (input === null || typeof input !== 'object') return;
  if (depth >= MAX_INPUT_DEPTH) {
    errors.push({ field: field || 'body', rule: 'maxDepth', message: `${field || 'input'} is nested more than ${MAX_INPUT_DEPTH} levels deep` });
    return;
  }
  for (const [key, value] of Object.entries(input)) {
    if (errors.length >= MAX_REPORTED) return;
    const keyProblem = problemOf(key);
    if (keyProblem) errors.push(fieldError(field, `${field || 'input'} has a key that ${keyProblem}`));
    else collect(value, field ? `${field}.${key}` : key, depth + 1, errors);
  }
}

function problemOf(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode text)';
  return undefined;
}

function fieldError(field: string, message: string): FieldError {
  return { field: field || 'body', rule: 'isStorableText', message };
}
