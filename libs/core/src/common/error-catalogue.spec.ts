import * as core from '../index';
import { ERROR_CATALOGUE, ERROR_CODES, type ErrorCode, isErrorCode } from './error-catalogue';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InsufficientScopeError,
  InsufficientStockError,
  NotFoundError,
  RateLimitedError,
  ReportedProblem,
  StockShortfallError,
  UnprocessableError,
  ServiceUnavailableError,
  UnauthenticatedError,
  UpstreamFailedError,
  ValidationError,
} from './errors';

const raised: DomainError[] = [
  new ValidationError([{ field: 'email', rule: 'isEmail', message: 'bad' }]),
  new UnauthenticatedError('Sign in to do this'),
  new ForbiddenError('Admins only'),
  new InsufficientScopeError('catalog:write', ['catalog:read']),
  new NotFoundError('Product', 7),
  new ConflictError('taken', 'email'),
  new InsufficientStockError(7, 2, -3),
  new StockShortfallError([{ product_id: 7, requested: 3, available: 2 }]),
  new UnprocessableError('Product 7 is not for sale', 'line_items[0].product_id'),
  new RateLimitedError('slow down', 30),
  new ServiceUnavailableError('try again shortly'),
  new UpstreamFailedError('quote ref r1'),
  new ReportedProblem('conflict', 'taken'),
];

describe('the error catalogue', () => {
  it('gives every domain error a catalogued code, and that code’s title', () => {
    for (const error of raised) {
      expect(isErrorCode(error.type)).toBe(true);
      expect(error.title).toBe(ERROR_CATALOGUE[error.type].title);
    }
    expect(new InsufficientStockError(7, 2, -3)).toMatchObject({ type: 'insufficient-stock', title: 'Not enough stock' });
  });

  it('covers every DomainError subclass core exports', () => {
    const exported = Object.values(core).filter((value) => typeof value === 'function' && value.prototype instanceof DomainError);
    expect(new Set(exported)).toEqual(new Set(raised.map((error) => error.constructor)));
  });

  it('keeps the caller’s refusals in 4xx and the platform’s failures in 5xx', () => {
    for (const code of ERROR_CODES) {
      const { status, fault, title, description } = ERROR_CATALOGUE[code];
      expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect([code, fault === 'caller' ? status >= 400 && status < 500 : status >= 500 && status < 600]).toEqual([code, true]);
      expect(title).not.toBe('');
      expect(description).toMatch(/\.$/);
    }
  });

  it('accepts only its own codes, not strings a tool result might carry instead', () => {
    expect(isErrorCode('insufficient-stock')).toBe(true);
    for (const other of ['teapot', 'Not found', '/problems/not-found', 'constructor', '__proto__', 'toString', 404, null, undefined]) {
      expect(isErrorCode(other)).toBe(false);
    }
  });

  it('is closed: a code outside it does not compile (the ts-expect-error lines fail typechecking if it does)', () => {
    // @ts-expect-error 'teapot' is not a code in the catalogue
    const unknown: ErrorCode = 'teapot';
    class TeapotError extends DomainError {
      // @ts-expect-error a DomainError subclass cannot bring a code of its own
      readonly type = 'teapot';
    }
    // @ts-expect-error nor can a reported problem
    const reported = new ReportedProblem('teapot', 'short and stout');
    expect([unknown, new TeapotError('x').type, reported.type].filter(isErrorCode)).toEqual([]);
  });
});
