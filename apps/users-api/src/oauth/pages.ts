/** The pages of the OAuth sign-in flow. */
import { escapeHtml, page } from '../pages/html';

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
