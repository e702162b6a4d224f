import { Transform } from 'class-transformer';

/** Query strings carry booleans as text; `Boolean('false')` would be true, so map the words explicitly. */
export const ToBoolean = () =>
  Transform(({ value }) => {
    if (value === 'true' || value === '1' || value === true) return true;
    if (value === 'false' || value === '0' || value === false) return false;
    return value;
  });

/** Numbers from a query string arrive as text; leave anything unparseable for the validator to name. */
export const ToNumber = () =>
  Transform(({ value }) => {
    if (typeof value !== 'string' || value.trim() === '') return value;
    const n = Number(value);
    return Number.isNaN(n) ? value : n;
  });

export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export const TrimLowerCase = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));
