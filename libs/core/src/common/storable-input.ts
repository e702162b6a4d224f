import type { FieldError } from './errors';

/** Deeper than any input Mercato accepts; a body nested further is an attack on the parser, not data. */
export const MAX_INPUT_DEPTH = 20;

// A UTF-16 code unit of a surrogate pair without its partner: valid in a JS string, not text PostgreSQL can store.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The text PostgreSQL refuses (NUL in text and jsonb, lone surrogates) and nesting deeper than any real
 * input, found anywhere in untrusted input — values and object keys alike — and named by field path.
 * Checked before validation, so a value no rule of a DTO looks at (free-form metadata) is caught too.
 */
export function unstorableInput(input: unknown, field = '', depth = 0): FieldError[] {
  if (typeof input === 'string') {
    const problem = problemOf(input);
    return problem ? [fieldError(field, `${field || 'input'} ${problem}`)] : [];
  }
  if (input === null || typeof input !== 'object') return [];
  if (depth >= MAX_INPUT_DEPTH) return [{ field: field || 'body', rule: 'maxDepth', message: `${field || 'input'} is nested more than ${MAX_INPUT_DEPTH} levels deep` }];
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(input)) {
    const path = field ? `${field}.${key}` : key;
    const keyProblem = problemOf(key);
    if (keyProblem) {
      errors.push(fieldError(field, `${field || 'input'} has a key that ${keyProblem}`));
      continue;
    }
    errors.push(...unstorableInput(value, path, depth + 1));
  }
  return errors;
}

function problemOf(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(text)) return 'contains an unpaired UTF-16 surrogate (not valid Unicode text)';
  return undefined;
}

function fieldError(field: string, message: string): FieldError {
  return { field: field || 'body', rule: 'isStorableText', message };
}
