export interface PaymentRequest {
  checkoutId: string;
  userId: number;
  amountCents: number;
  currency: string;
}

export type PaymentOutcome = { authorized: true; reference: string | null } | { authorized: false; reason: string };

/**
 * Where a payment provider plugs in: completing a checkout asks it to authorize the total before the order is
 * stored. Taking payment is out of Mercato's scope today, so the wired implementation is NoPayment.
 */
export abstract class PaymentProvider {
  abstract authorize(payment: PaymentRequest): Promise<PaymentOutcome>;
}

/** Authorizes every payment and records nothing: the stand-in until a real provider is wired. */
export class NoPayment extends PaymentProvider {
  async authorize(): Promise<PaymentOutcome> {
    return { authorized: true, reference: null };
  }
}
