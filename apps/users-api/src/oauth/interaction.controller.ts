import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { AuthService, isScope, SCOPE_DESCRIPTIONS } from '@mercato/core';
import { Public } from '@mercato/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { InteractionResults } from 'oidc-provider';
import { UsersApiConfig } from '../users-api.config';
import { OAuthServer } from './oauth-server';
import { isRefused, type SignInForm, signInWithForm } from '../pages/form-sign-in';
import { sendPage, signInPage } from '../pages/html';
import { consentPage, errorPage } from './pages';

interface InteractionSignInForm extends SignInForm {
  csrf?: string;
}

interface ConsentForm {
  csrf?: string;
  decision?: string;
}

/**
 * The sign-in and consent pages of the authorization flow: plain HTML forms, no JavaScript. Sign-in goes through
 * the same argon2 check and login budgets as POST /auth/login.
 */
@ApiExcludeController()
@Public()
@Controller('oauth/interaction')
export class InteractionController {
  constructor(
    private readonly oauth: OAuthServer,
    private readonly auth: AuthService,
    private readonly config: UsersApiConfig,
  ) {}

  @Get(':uid')
  async show(@Param('uid') uid: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const details = await this.details(request, reply);
    if (!details || details.uid !== uid) return this.fail(reply, 'This sign-in has expired or belongs to another browser. Start again from the app.');
    // Either form may end in a redirect to the client (after sign-in, when consent was already given).
    const redirectUri = String(details.params['redirect_uri']);
    if (details.prompt.name === 'login') return this.send(reply, signInPage(await this.signInFields(uid, details.params)), 200, redirectUri);
    return this.send(reply, consentPage(await this.consentFields(uid, details)), 200, redirectUri);
  }

  @Post(':uid/login')
  async signIn(@Param('uid') uid: string, @Body() form: InteractionSignInForm, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const details = await this.details(request, reply);
    if (!details || details.uid !== uid || details.prompt.name !== 'login' || !this.oauth.csrf.matches(uid, form.csrf)) {
      return this.fail(reply, 'This form has expired or did not come from this page. Start again from the app.', 403);
    }
    const outcome = await signInWithForm(this.auth, form, request, this.config.TRUST_PROXY);
    if (!isRefused(outcome)) return this.finish(request, reply, { login: { accountId: String(outcome.id) } });
    const page = signInPage({ ...(await this.signInFields(uid, details.params)), error: outcome.error, username: outcome.username });
    return this.send(reply, page, outcome.status, String(details.params['redirect_uri']));
  }

  @Post(':uid/consent')
  async consent(@Param('uid') uid: string, @Body() form: ConsentForm, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const details = await this.details(request, reply);
    if (!details || details.uid !== uid || details.prompt.name !== 'consent' || !this.oauth.csrf.matches(uid, form.csrf)) {
      return this.fail(reply, 'This form has expired or did not come from this page. Start again from the app.', 403);
    }
    if (form.decision !== 'allow') return this.finish(request, reply, { error: 'access_denied', error_description: 'The user denied access' });
    const { provider } = this.oauth;
    const accountId = details.session?.accountId ?? '';
    const grant = details.grantId
      ? await provider.Grant.find(details.grantId)
      : new provider.Grant({ accountId, clientId: String(details.params['client_id']) });
    if (!grant) return this.fail(reply, 'This grant no longer exists. Start again from the app.');
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
    return this.finish(request, reply, { consent: { grantId: await grant.save() } });
  }

  private async details(request: FastifyRequest, reply: FastifyReply) {
    try {
      return await this.oauth.provider.interactionDetails(request.raw, reply.raw);
    } catch {
      return undefined; // no interaction cookie, or one for an interaction that has ended
    }
  }

  private async signInFields(uid: string, params: Record<string, unknown>) {
    return {
      action: `/oauth/interaction/${uid}/login`,
      csrf: this.oauth.csrf.tokenFor(uid),
      lead: `${await this.clientName(params)} asks to connect to your account.`,
    };
  }

  private async consentFields(uid: string, details: Awaited<ReturnType<OAuthServer['provider']['interactionDetails']>>) {
    const client = await this.oauth.provider.Client.find(String(details.params['client_id']));
    const requested = String(details.params['scope'] ?? '').split(' ');
    return {
      action: `/oauth/interaction/${uid}/consent`,
      csrf: this.oauth.csrf.tokenFor(uid),
      clientName: client?.clientName ?? String(details.params['client_id']),
      redirectHost: URL.parse(String(details.params['redirect_uri']))?.host ?? 'an unknown address',
      // A client_id that is a URL names the document the client published there; a registered one, nothing vouches for.
      unverified: !/^https?:\/\//.test(client?.clientId ?? ''),
      scopes: requested.filter(isScope).map((s) => SCOPE_DESCRIPTIONS[s]),
    };
  }

  private async clientName(params: Record<string, unknown>): Promise<string> {
    const client = await this.oauth.provider.Client.find(String(params['client_id']));
    return client?.clientName ?? 'An application';
  }

  private async finish(request: FastifyRequest, reply: FastifyReply, result: InteractionResults): Promise<void> {
    const to = await this.oauth.provider.interactionResult(request.raw, reply.raw, result, { mergeWithLastSubmission: false });
    return reply.code(303).header('location', to).header('cache-control', 'no-store').send();
  }

  private fail(reply: FastifyReply, message: string, status = 400): void {
    return this.send(reply, errorPage(message), status);
  }

  /** After consent the browser is sent to the client, so its redirect origin may receive the form. */
  private send(reply: FastifyReply, html: string, status: number, redirectUri?: string): void {
    const redirectOrigin = redirectUri ? URL.parse(redirectUri)?.origin : undefined;
    sendPage(reply, html, status, redirectOrigin && redirectOrigin !== 'null' ? [redirectOrigin] : []);
  }
}
