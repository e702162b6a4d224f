import { ANONYMOUS, systemActor, userActor } from '../auth/actor';
import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import { activityFilterFor, assertCanWriteProducts, canSeeInactiveProducts } from './products.policy';

const admin = userActor(1, 'admin');
const shopper = userActor(2, 'user');
const guest = userActor(3, 'guest');

describe('products policy', () => {
  it('shows inactive products only to those who manage the catalog', () => {
    expect(canSeeInactiveProducts(admin)).toBe(true);
    expect(canSeeInactiveProducts(systemActor('seeding'))).toBe(true);
    for (const actor of [shopper, guest, ANONYMOUS]) expect(canSeeInactiveProducts(actor)).toBe(false);
  });

  it("passes an admin's activity filter through, including none at all", () => {
    expect(activityFilterFor(admin, undefined)).toBeUndefined();
    expect(activityFilterFor(admin, true)).toBe(true);
    expect(activityFilterFor(admin, false)).toBe(false);
  });

  it('narrows everyone else to active products, whether they ask for them or not', () => {
    for (const actor of [shopper, guest, ANONYMOUS]) {
      expect(activityFilterFor(actor, undefined)).toBe(true);
      expect(activityFilterFor(actor, true)).toBe(true);
    }
  });

  it('refuses a non-admin asking for inactive products rather than quietly showing active ones', () => {
    expect(() => activityFilterFor(shopper, false)).toThrow(ForbiddenError);
    expect(() => activityFilterFor(ANONYMOUS, false)).toThrow(UnauthenticatedError);
  });

  it('keeps catalog writes to admins', () => {
    expect(() => assertCanWriteProducts(admin)).not.toThrow();
    expect(() => assertCanWriteProducts(shopper)).toThrow(ForbiddenError);
    expect(() => assertCanWriteProducts(guest)).toThrow(ForbiddenError);
    expect(() => assertCanWriteProducts(ANONYMOUS)).toThrow(UnauthenticatedError);
  });
});
