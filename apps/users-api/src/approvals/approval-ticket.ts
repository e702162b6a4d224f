import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';

interface Ticket {
  /** The account that signed in. */
  sub: number;
  /** The checkout it reviewed. */
  cid: string;
  /** Seconds since the epoch. */
  exp: number;
}

const LIFETIME_SECONDS = 600;

/**
 * Proof, carried by the review page's form, that its owner signed in with their password to review this checkout
 * a moment ago. Only that page holds it, so a forged cross-site post has nothing to send: the form needs no cookie.
 */
export class ApprovalTickets {
  private readonly key: Buffer;

  constructor(signingKeyPem: string) {
    this.key = Buffer.from(hkdfSync('sha256', signingKeyPem, 'mercato-approvals', 'approval-tickets', 32));
  }

  issue(userId: number, checkoutId: string, now = Date.now()): string {
    const body = Buffer.from(JSON.stringify({ sub: userId, cid: checkoutId, exp: Math.floor(now / 1000) + LIFETIME_SECONDS })).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The account the ticket was issued to, if it is genuine, unexpired and for this checkout. */
  verify(ticket: unknown, checkoutId: string, now = Date.now()): number | undefined {
    if (typeof ticket !== 'string') return undefined;
    const [body = '', mac = ''] = ticket.split('.');
    const expected = Buffer.from(this.mac(body));
    if (mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), expected)) return undefined;
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Ticket;
    return claims.cid === checkoutId && claims.exp * 1000 > now ? claims.sub : undefined;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
