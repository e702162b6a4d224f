import { registerDecorator, ValidateNested, type ValidationOptions } from 'class-validator';

/** A plain JSON object (not an array or null) whose JSON text fits in `maxBytes`. */
export function IsJsonObjectWithin(maxBytes: number, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isJsonObjectWithin',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [maxBytes],
      options: { message: `$property must be a JSON object of at most ${maxBytes} bytes`, ...options },
      validator: {
        validate(value: unknown) {
          if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
          return Buffer.byteLength(JSON.stringify(value), 'utf8') <= maxBytes;
        },
      },
    });
}

/** Not only whitespace; for names that are trimmed anyway, this catches "   ". */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotBlank',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: '$property must not be blank', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && value.trim().length > 0 },
    });
}

type ClassOf = new () => object;
const nestedTypes = new Map<object, Map<string, () => ClassOf>>();

/**
 * ValidateNested that also records the nested class, so generated schemas (OpenAPI, MCP) describe the items of an
 * array or the fields of an object; decorator metadata alone names only `Array` or `Object` there.
 */
export function Nested(type: () => ClassOf, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) => {
    const properties = nestedTypes.get(target.constructor) ?? new Map<string, () => ClassOf>();
    nestedTypes.set(target.constructor, properties.set(String(propertyName), type));
    ValidateNested(options)(target, propertyName);
  };
}

/** The class a @Nested property holds, looked up through the class's ancestors. */
export function nestedTypeOf(target: object, propertyName: string): ClassOf | undefined {
  for (let cls: unknown = target; typeof cls === 'function'; cls = Object.getPrototypeOf(cls)) {
    const type = nestedTypes.get(cls)?.get(propertyName);
    if (type) return type();
  }
  return undefined;
}

/** JSON Schema for the custom rules above, so generated schemas (OpenAPI, MCP) describe them too. */
export const CUSTOM_RULE_SCHEMAS: Record<string, (meta: { constraints?: unknown[] }) => Record<string, unknown>> = {
  isJsonObjectWithin: (meta) => ({ type: 'object', description: `A JSON object of at most ${String(meta.constraints?.[0])} bytes` }),
  isNotBlank: () => ({ type: 'string', pattern: '\\S' }),
};
