import { ValidateIf } from 'class-validator';

/** Combines property decorators into one, so a rule set has a single name (Nest's helper is not available in core). */
export function applyDecorators(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };
}

/**
 * May be left out, but not sent as null: class-validator's IsOptional also lets null through, which for a
 * NOT NULL column would reach the database as an error instead of a clear 400.
 */
export function Optional(): PropertyDecorator {
  return (target, key) => ValidateIf((o: Record<string | symbol, unknown>) => o[key] !== undefined)(target, key);
}
