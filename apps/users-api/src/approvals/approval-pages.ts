import type { CheckoutView } from '@mercato/core';
import { escapeHtml, page } from '../pages/html';

const money = (amount: number, currency: string) => `${amount.toFixed(2)} ${currency}`;

/** The purchase an app asks to make, with its lines and total, and the two decisions. */
export function reviewPage(checkout: CheckoutView, appName: string, action: string, ticket: string): string {
  const rows = checkout.line_items
    .map((l) => `<tr><td>${escapeHtml(l.name)}</td><td class="n">${l.quantity}</td><td class="n">${money(l.total, checkout.currency)}</td></tr>`)
    .join('');
  return page(
    'Approve a purchase',
    `<h1>Approve this purchase?</h1><p><strong id="app">${escapeHtml(appName)}</strong>, acting for you, wants to buy the following. It is above the spending limit you allow apps, so it waits for you.</p>
<table><thead><tr><th>Item</th><th class="n">Qty</th><th class="n">Amount</th></tr></thead><tbody>${rows}</tbody>
<tfoot><tr><td>Total</td><td></td><td class="n" id="total">${money(checkout.totals.total, checkout.currency)}</td></tr></tfoot></table>
<p class="note">Decide before ${escapeHtml(checkout.expires_at.slice(0, 16).replace('T', ' '))} UTC; after that the items are released.</p>
<form method="post" action="${escapeHtml(action)}"><input type="hidden" name="ticket" value="${escapeHtml(ticket)}">
<button type="submit" name="decision" value="approve">Approve</button><button type="submit" name="decision" value="decline">Decline</button></form>`,
  );
}

export function decidedPage(checkout: CheckoutView): string {
  const approved = checkout.status === 'ready_for_complete';
  return page(
    approved ? 'Purchase approved' : 'Purchase declined',
    approved
      ? `<h1>Purchase approved</h1><p>The app can now complete the purchase of ${money(checkout.totals.total, checkout.currency)}. You can close this page.</p>`
      : `<h1>Purchase declined</h1><p>Nothing was bought and the items were released. You can close this page.</p>`,
  );
}

/** The checkout exists but nothing waits for a decision: already decided, completed, canceled or expired. */
export function nothingToDecidePage(checkout: CheckoutView): string {
  return page(
    'Nothing to approve',
    `<h1>Nothing to approve</h1><p>This purchase is not waiting for your approval; it is ${escapeHtml(checkout.status.replaceAll('_', ' '))}.</p>`,
  );
}

export function approvalErrorPage(message: string): string {
  return page('Cannot continue', `<h1>This approval cannot continue</h1><p class="error">${escapeHtml(message)}</p>`);
}
