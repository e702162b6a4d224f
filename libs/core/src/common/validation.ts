import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError as ClassValidatorError } from 'class-validator';
import { type FieldError, ValidationError } from './errors';
import { unstorableInput } from './storable-input';

type Dto<T> = new () => T;

/**
 * Turns untrusted input into a validated DTO instance or throws a ValidationError naming each bad field.
 * REST (through the server's pipe) and MCP tools both call this, so one DTO class rules both doors.
 * Unknown fields are refused, never silently dropped: a mass-assignment attempt is an error the caller sees.
 */
export async function parseInput<T extends object>(dto: Dto<T>, input: unknown): Promise<T> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ValidationError([{ field: '', rule: 'isObject', message: 'a JSON object is required' }]);
  }
  const unstorable = unstorableInput(input);
  if (unstorable.length) throw new ValidationError(unstorable);
  const instance = plainToInstance(dto, input, { exposeDefaultValues: true });
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    // The input is always an instance of the DTO class here; a DTO without fields (a no-argument tool) must pass.
    forbidUnknownValues: false,
    stopAtFirstError: true, // one clear message per field, not every rule a missing value breaks
    validationError: { target: false, value: false },
  });
  if (errors.length) throw new ValidationError(flatten(errors));
  return instance;
}

function flatten(errors: ClassValidatorError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'whitelist' : rule,
      message: rule === 'whitelistValidation' ? `${field} is not an accepted field` : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
