import { applyDecorators } from '../common/decorators';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const PASSWORD_MIN_LENGTH = 8;
/** argon2 cost grows with input; a cap stops a megabyte "password" from being a cheap DoS. */
export const PASSWORD_MAX_LENGTH = 128;

/** The password rules, as one decorator so registration, updates and the admin CLI cannot drift apart. */
export function IsAcceptablePassword(): PropertyDecorator {
  return applyDecorators(
    IsString(),
    MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters` }),
    MaxLength(PASSWORD_MAX_LENGTH, { message: `password must be at most ${PASSWORD_MAX_LENGTH} characters` }),
    // One pattern (not two) so the generated JSON Schema carries the whole rule.
    Matches(/^(?=.*[A-Z])(?=.*[0-9])/, { message: 'password must contain an upper-case letter and a digit' }),
  );
}
