import { ValidationError } from '../common/errors';

/**
 * Which services an access token may be presented to (RFC 8707 resource indicators; the token's `aud`, RFC 9068).
 * A client that names no resource gets a token for the REST APIs, which share one audience; one that names the
 * MCP gateway's resource URL gets a token whose audience is that URL. Each service accepts only its own audience,
 * so a token minted for one door cannot be replayed at the other.
 */
export class TokenAudiences {
  constructor(
    /** The audience the REST APIs accept. */
    readonly rest: string,
    /** The resource URLs of the other services tokens are issued for (the MCP gateway's `<PUBLIC_URL>/mcp`). */
    readonly resources: readonly string[],
  ) {}

  /** The audience of tokens for a requested resource (none: the REST APIs); null when no service here is that resource. */
  audienceFor(resource: string | null): string | null {
    if (resource === null) return this.rest;
    return this.resources.includes(resource) ? resource : null;
  }

  /**
   * As audienceFor, refusing a resource no service here is, as RFC 8707 §2 asks (its `invalid_target`): naming the
   * field, and what it may be instead.
   */
  requireAudienceFor(resource: string | null): string {
    const audience = this.audienceFor(resource);
    if (audience !== null) return audience;
    const known = this.resources.length ? `; leave it out for the REST APIs, or name ${this.resources.join(' or ')}` : '; leave it out';
    throw new ValidationError([{ field: 'resource', rule: 'invalidTarget', message: `resource is not a service these tokens are issued for${known}` }]);
  }
}
