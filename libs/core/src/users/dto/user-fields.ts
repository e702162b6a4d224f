import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { applyDecorators } from '../../common/decorators';
import { Trim, TrimLowerCase } from '../../common/transforms';

/** The field rules shared by every DTO that accepts them, written once. */
export const EmailField = () => applyDecorators(TrimLowerCase(), IsEmail({}, { message: 'email must be a valid e-mail address' }), MaxLength(254));

export const UsernameField = () =>
  applyDecorators(
    Trim(),
    IsString(),
    MinLength(3),
    MaxLength(50),
    Matches(/^[A-Za-z0-9_.-]+$/, { message: 'username may contain only letters, digits, "_", "." and "-"' }),
  );

export const FullNameField = () => applyDecorators(Trim(), IsString(), MaxLength(200));
