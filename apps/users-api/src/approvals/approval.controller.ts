import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  AuthService,
  CheckoutApprovalsService,
  ConnectionsService,
  DomainError,
  ERROR_CATALOGUE,
  UsersRepository,
  userActor,
  type UserActor,
} from '@mercato/core';
import { Public } from '@mercato/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isRefused, type SignInForm, signInWithForm } from '../pages/form-sign-in';
import { sendPage, signInPage } from '../pages/html';
import { OAuthServer } from '../oauth/oauth-server';
import { UsersApiConfig } from '../users-api.config';
import { approvalErrorPage, decidedPage, nothingToDecidePage, reviewPage } from './approval-pages';
import { ApprovalTickets } from './approval-ticket';

interface DecisionForm {
  ticket?: string;
  decision?: string;
}

const LEAD = 'An app acting for you wants to make a purchase that needs your approval. Sign in to review it.';

/**
 * The `continue_url` of a checkout waiting as `requires_escalation`: its owner signs in with their password (the
 * same argon2 check and login budgets as POST /auth/login), reviews the lines and total, and approves or declines.
 * Signing in here proves a person, not an app: no access token, whoever issued it, gets this far.
 */
@ApiExcludeController()
@Public()
@Controller('approvals/checkouts')
export class ApprovalController {
  private readonly tickets: ApprovalTickets;

  constructor(
    private readonly approvals: CheckoutApprovalsService,
    private readonly auth: AuthService,
    private readonly users: UsersRepository,
    private readonly connections: ConnectionsService,
    private readonly oauth: OAuthServer,
    private readonly config: UsersApiConfig,
  ) {
    this.tickets = new ApprovalTickets(config.JWT_PRIVATE_KEY);
  }

  @Get(':id')
  show(@Param('id') id: string, @Res() reply: FastifyReply): void {
    sendPage(reply, signInPage({ action: this.path(id, 'review'), lead: LEAD }), 200);
  }

  @Post(':id/review')
  async review(@Param('id') id: string, @Body() form: SignInForm, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const user = await signInWithForm(this.auth, form, request, this.config.TRUST_PROXY);
    if (isRefused(user)) {
      return sendPage(reply, signInPage({ action: this.path(id, 'review'), lead: LEAD, error: user.error, username: user.username }), user.status);
    }
    return this.answer(reply, async () => {
      const actor = userActor(user.id, user.role);
      const { checkout, requestedBy } = await this.approvals.review(actor, id);
      if (checkout.status !== 'requires_escalation' || !requestedBy) return nothingToDecidePage(checkout);
      return reviewPage(checkout, await this.appName(actor, requestedBy), this.path(id, 'decision'), this.tickets.issue(user.id, id));
    });
  }

  @Post(':id/decision')
  async decide(@Param('id') id: string, @Body() form: DecisionForm, @Res() reply: FastifyReply): Promise<void> {
    const userId = this.tickets.verify(form?.ticket, id);
    const user = userId === undefined ? null : await this.users.findAuthState(userId);
    if (!user?.isActive) return sendPage(reply, approvalErrorPage('This page has expired. Open the link from the app again and sign in.'), 403);
    const actor = userActor(user.id, user.role);
    return this.answer(reply, async () =>
      decidedPage(form.decision === 'approve' ? await this.approvals.approve(actor, id) : await this.approvals.decline(actor, id)),
    );
  }

  /** Refusals from core become pages a person can read: an unknown or someone else's checkout looks the same. */
  private async answer(reply: FastifyReply, render: () => Promise<string>): Promise<void> {
    try {
      return sendPage(reply, await render(), 200);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const message = error.type === 'not-found' ? 'No purchase waits for your approval at this address.' : error.detail;
      return sendPage(reply, approvalErrorPage(message), ERROR_CATALOGUE[error.type].status);
    }
  }

  /**
   * The app as the user consented to it: a registered client by the name it registered; a client whose id is the URL
   * of its metadata document by that document's name and the host that vouches for it (the host alone when the
   * document cannot be read now).
   */
  private async appName(actor: UserActor, clientId: string): Promise<string> {
    const connection = (await this.connections.list(actor)).find((c) => c.client_id === clientId);
    if (connection?.client_name) return connection.client_name;
    const host = URL.parse(clientId)?.host;
    if (!host) return 'An app';
    const client = await this.oauth.provider.Client.find(clientId).catch(() => undefined);
    return client?.clientName ? `${client.clientName} (${host})` : host;
  }

  private path(id: string, step: 'review' | 'decision'): string {
    return `/approvals/checkouts/${encodeURIComponent(id)}/${step}`;
  }
}
