import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { parseInput } from '@mercato/core';

/**
 * Validates bodies and queries with core's parseInput, the same call MCP tools make, so the two doors
 * accept and refuse exactly the same input.
 */
@Injectable()
export class InputPipe implements PipeTransform {
  async transform(value: unknown, { metatype, type }: ArgumentMetadata): Promise<unknown> {
    if ((type !== 'body' && type !== 'query') || !metatype || !isDtoClass(metatype)) return value;
    return parseInput(metatype as new () => object, value ?? {});
  }
}

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object]);
function isDtoClass(metatype: unknown): boolean {
  return typeof metatype === 'function' && !PRIMITIVES.has(metatype);
}
