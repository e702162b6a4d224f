import { parseInput } from './validation';
import { MAX_INPUT_DEPTH, unstorableInput } from './storable-input';
import { ValidationError } from './errors';

describe('unstorableInput', () => {
  it('names each field holding a NUL or a lone surrogate, in values and keys, at any depth', () => {
    const input = { name: 'a\u0000', ok: 'fine 😀', meta: { tags: ['x', '\ud800'], ['k\u0000']: 1, low: '\udc00z' } };
    expect(unstorableInput(input).map((e) => e.field)).toEqual(['name', 'meta.tags.1', 'meta', 'meta.low']);
  });

  it('accepts paired surrogates and the replacement character', () => {
    expect(unstorableInput({ emoji: '👍🏽', replaced: '\ufffd' })).toEqual([]);
  });

  it(`refuses nesting deeper than ${MAX_INPUT_DEPTH} levels`, () => {
    let deep: object = { leaf: 1 };
    for (let i = 0; i < MAX_INPUT_DEPTH; i++) deep = { a: deep };
    expect(unstorableInput(deep)).toEqual([expect.objectContaining({ rule: 'maxDepth' })]);
  });

  it('runs before any DTO rule, so parseInput refuses it for every door', async () => {
    class Anything {}
    await expect(parseInput(Anything, { free: 'x\u0000' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('stops after a handful of findings, however many bad values a body holds', () => {
    expect(unstorableInput({ many: Array.from({ length: 100_000 }, () => '\u0000') })).toHaveLength(10);
  });
});
