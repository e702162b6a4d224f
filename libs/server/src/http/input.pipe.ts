import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { parseInput, unstorableInput, ValidationError } from '@mercato/core';

/**
 * Validates bodies and queries with core's parseInput, the same call MCP tools make, so the two doors
 * accept and refuse exactly the same input.
 */
@Injectable()
export class InputPipe implements PipeTransform {
  async transform(value: unknown, { metatype, type, data }: ArgumentMetadata): Promise<unknown> {
    if (type === 'param') return storableParam(data ?? 'param', value);
    if ((type !== 'body' && type !== 'query') || !metatype || !isDtoClass(metatype)) return value;
    // no body at all is an empty input; a body of `null` is a client error like any other non-object
    return parseInput(metatype as new () => object, value === undefined ? {} : value);
  }
}

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object]);
function isDtoClass(metatype: unknown): boolean {
  return typeof metatype === 'function' && !PRIMITIVES.has(metatype);
}

/** Route parameters reach queries as they are (a slug, say); refuse text PostgreSQL cannot hold here, once for all. */
function storableParam(name: string, value: unknown): unknown {
  const errors = unstorableInput({ [name]: value });
  if (errors.length) throw new ValidationError(errors);
  return value;
}
