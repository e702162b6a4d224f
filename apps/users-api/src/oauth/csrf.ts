import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A token bound to one interaction. The forms carry it; the interaction cookie, which a cross-site form post does
 * not send (SameSite=Lax), names the interaction; both must match for a post to count.
 */
export class InteractionCsrf {
  constructor(private readonly key: string) {}

  tokenFor(uid: string): string {
    return createHmac('sha256', this.key).update(`interaction:${uid}`).digest('base64url');
  }

  matches(uid: string, token: unknown): boolean {
    const expected = Buffer.from(this.tokenFor(uid));
    const given = Buffer.from(typeof token === 'string' ? token : '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
