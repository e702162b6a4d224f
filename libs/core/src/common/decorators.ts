/** Combines property decorators into one, so a rule set has a single name (Nest's helper is not available in core). */
export function applyDecorators(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };
}
