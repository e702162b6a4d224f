import type { FastifyReply } from 'fastify';

/** The server-rendered pages of users-api (sign-in, consent, purchase approval): no JavaScript, no external resources. */

const STYLE = `body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.4rem}label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;box-sizing:border-box}
button{margin:1rem .5rem 0 0;padding:.5rem 1.2rem}.error{color:#b00020}.note{color:#666;font-size:.9rem}ul{padding-left:1.2rem}
table{width:100%;border-collapse:collapse}td,th{padding:.3rem 0;text-align:left}td.n,th.n{text-align:right}tfoot td{font-weight:bold;border-top:1px solid #ccc}`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Mercato</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

/** Pages never run in a frame, load nothing, and post only to us (and to `formOrigins`, e.g. an OAuth client's redirect). */
export function sendPage(reply: FastifyReply, html: string, status: number, formOrigins: string[] = []): void {
  const formAction = ["'self'", ...formOrigins].join(' ');
  void reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`)
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .send(html);
}

export interface SignInForm {
  action: string;
  /** Why the person signs in, one sentence. */
  lead: string;
  csrf?: string;
  error?: string;
  username?: string;
}

/** The one sign-in form: OAuth's and the purchase approval's. */
export function signInPage({ action, lead, csrf, error, username = '' }: SignInForm): string {
  return page(
    'Sign in',
    `<h1>Sign in to Mercato</h1><p>${escapeHtml(lead)}</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">${csrf === undefined ? '' : `<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">`}
<label for="username">Username or e-mail</label><input id="username" name="username" autocomplete="username" required value="${escapeHtml(username)}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form>`,
  );
}
