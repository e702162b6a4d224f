/** The server-rendered pages of the sign-in flow: no JavaScript, no external resources. */

const STYLE = `body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.4rem}label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;box-sizing:border-box}
button{margin:1rem .5rem 0 0;padding:.5rem 1.2rem}.error{color:#b00020}.note{color:#666;font-size:.9rem}ul{padding-left:1.2rem}`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Mercato</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export interface SignInPage {
  action: string;
  csrf: string;
  clientName: string;
  error?: string;
  username?: string;
}

export function signInPage({ action, csrf, clientName, error, username = '' }: SignInPage): string {
  return page(
    'Sign in',
    `<h1>Sign in to Mercato</h1><p>${escapeHtml(clientName)} asks to connect to your account.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<label for="username">Username or e-mail</label><input id="username" name="username" autocomplete="username" required value="${escapeHtml(username)}">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form>`,
  );
}

export interface ConsentPage {
  action: string;
  csrf: string;
  clientName: string;
  redirectHost: string;
  /** The client registered itself (or was never checked): say so. */
  unverified: boolean;
  /** Each requested scope in plain words. */
  scopes: string[];
}

export function consentPage({ action, csrf, clientName, redirectHost, unverified, scopes }: ConsentPage): string {
  const what = scopes.length ? `<ul>${scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>` : '<p>Everything your account may do.</p>';
  return page(
    'Allow access',
    `<h1>Allow ${escapeHtml(clientName)} to use your Mercato account?</h1>
<p>It will be sent back to <strong>${escapeHtml(redirectHost)}</strong>.${unverified ? ' <span class="note">This app registered itself; Mercato has not verified who runs it.</span>' : ''}</p>
<p>It asks to:</p>${what}
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<button type="submit" name="decision" value="allow">Allow</button><button type="submit" name="decision" value="deny">Deny</button></form>`,
  );
}

export function errorPage(message: string): string {
  return page('Cannot continue', `<h1>This sign-in cannot continue</h1><p class="error">${escapeHtml(message)}</p>`);
}
