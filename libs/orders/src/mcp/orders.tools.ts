import {
  AnalyticsService,
  CheckoutsService,
  CheckoutView,
  CompleteCheckoutDto,
  CreateCheckoutToolDto,
  ListOrdersQuery,
  OrdersService,
  OrderView,
  SalesReportQuery,
  SalesReportView,
  SetOrderStatusByIdDto,
  TopProductsQuery,
  TopProductsView,
  UpdateCheckoutByIdDto,
  UuidDto,
} from '@mercato/core';
import { type McpTool, pageOf, schemaOf, tool } from '@mercato/mcp';

const READ = { readOnlyHint: true, idempotentHint: true, openWorldHint: false } as const;

/**
 * Shaped like the Universal Commerce Protocol's checkout: create a checkout (which reserves the stock), look at
 * it, change its lines, then complete it into an order or cancel it. Every call runs the same core service as the
 * REST route, with the caller's permissions.
 */
export function checkoutTools(checkouts: CheckoutsService): McpTool[] {
  const checkout = schemaOf(CheckoutView);
  return [
    tool({
      name: 'create_checkout',
      title: 'Create a checkout',
      description:
        'Starts a purchase for the signed-in user: `line_items` is 1 to 50 lines of { product_id, quantity } (each product once, quantity 1-1000). Reserves the stock of every line at once or of none: if any product is short, nothing is reserved and the error lists each short line with what is available. Prices are fixed when reserved. The checkout holds its stock until `expires_at`; complete it with complete_checkout before then. `idempotency_key` is yours to choose (e.g. a UUID): retrying with the same key and lines returns the same checkout instead of reserving twice; a key already used for other lines is refused.',
      input: CreateCheckoutToolDto,
      output: checkout,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      requires: 'order:buy',
      run: (actor, { idempotency_key, line_items }) => checkouts.create(actor, { line_items }, idempotency_key),
    }),
    tool({
      name: 'get_checkout',
      title: 'Get a checkout',
      description:
        'Returns one of your checkouts by `id`: its status (ready_for_complete, requires_escalation with the `continue_url` where the user approves, completed, canceled, expired), lines, totals and expiry.',
      input: UuidDto,
      output: checkout,
      annotations: READ,
      // A read, as in the service and REST: a token with orders:read alone may look at its checkouts.
      requires: 'order:read-own',
      run: (actor, { id }) => checkouts.get(actor, id),
    }),
    tool({
      name: 'update_checkout',
      title: 'Change the lines of a checkout',
      description:
        'Replaces all lines of a checkout that is still ready_for_complete with `line_items`, reserving or releasing only the difference, all or nothing. Lines already in the checkout keep their price. Calling it again with the same lines changes nothing.',
      input: UpdateCheckoutByIdDto,
      output: checkout,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      requires: 'order:buy',
      run: (actor, { id, line_items }) => checkouts.update(actor, id, { line_items }),
    }),
    tool({
      name: 'complete_checkout',
      title: 'Complete a checkout',
      description:
        "Places the order: turns a ready_for_complete checkout into a confirmed order with its reserved stock and prices, and returns the order. This buys on the user's behalf: call it only when the user has agreed to the lines and total. `idempotency_key` is yours to choose (e.g. a UUID): retrying with the same key returns the same order instead of buying twice; a new key on a completed checkout is refused. An expired or canceled checkout is refused; start a new one. Above the spending limit the user allows apps, nothing is bought yet: the result is the checkout with status `requires_escalation` and a `continue_url`; give the user that link to approve or decline, then call again with the same key (approved: it returns the order; declined: the checkout is canceled and the call refused).",
      input: CompleteCheckoutDto,
      // The order, or the checkout waiting for the user's approval.
      output: { type: 'object', anyOf: [schemaOf(OrderView), schemaOf(CheckoutView)] },
      // Idempotent as the spec means it: the same arguments, key included, never buy twice.
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      requires: 'order:buy',
      run: (actor, { id, idempotency_key }) => checkouts.complete(actor, id, idempotency_key),
    }),
    tool({
      name: 'cancel_checkout',
      title: 'Cancel a checkout',
      description: 'Cancels a checkout that is ready_for_complete and releases its stock. Canceling a canceled checkout again changes nothing.',
      input: UuidDto,
      output: checkout,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
      requires: 'order:buy',
      run: (actor, { id }) => checkouts.cancel(actor, id),
    }),
  ];
}

export function orderTools(orders: OrdersService, analytics: AnalyticsService): McpTool[] {
  const order = schemaOf(OrderView);
  return [
    tool({
      name: 'get_order',
      title: 'Get an order',
      description:
        "Returns one of your orders by `id`: status (confirmed, shipped, delivered, canceled), lines, totals and when it was placed. Admins may read any account's order.",
      input: UuidDto,
      output: order,
      annotations: READ,
      requires: 'order:read-own',
      run: (actor, { id }) => orders.get(actor, id),
    }),
    tool({
      name: 'list_orders',
      title: 'List orders',
      description:
        "Your orders, newest first, one page at a time (limit ≤ 100, default 20) with the total. Filter by `status` and by UTC day with `from` and `to` (YYYY-MM-DD, both included). Admins see every account's orders, or one account's with `user_id`.",
      input: ListOrdersQuery,
      output: pageOf(OrderView),
      annotations: READ,
      requires: 'order:read-own',
      run: (actor, query) => orders.list(actor, query),
    }),
    tool({
      name: 'cancel_order',
      title: 'Cancel an order',
      description:
        "Cancels one of your orders while it is confirmed (not yet shipped) and returns its stock to the catalog. A shipped or delivered order is refused. Canceling a canceled order again changes nothing and returns it. Admins may cancel any account's order.",
      input: UuidDto,
      output: order,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
      requires: 'order:buy',
      run: (actor, { id }) => orders.cancel(actor, id),
    }),
    tool({
      name: 'update_order_status',
      title: 'Move an order forward',
      description:
        "Admins only. Sets an order's `status` to shipped or delivered, forward only (confirmed → shipped → delivered; a confirmed order may go straight to delivered). Setting the status it already has, moving back, or moving a canceled order is refused. To cancel, use cancel_order.",
      input: SetOrderStatusByIdDto,
      output: order,
      // Destructive: no tool moves an order back. Not idempotent: repeating a move is refused as a conflict.
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
      requires: 'order:set-status',
      run: (actor, { id, status }) => orders.setStatus(actor, id, { status }),
    }),
    tool({
      name: 'sales_report',
      title: 'Sales report',
      description:
        'Admins only. Orders, units and revenue per day, week (from Monday) or month (`interval`, default day) between the UTC days `from` and `to` (YYYY-MM-DD, both included), with totals. Canceled orders are left out.',
      input: SalesReportQuery,
      output: schemaOf(SalesReportView),
      annotations: READ,
      requires: 'order:analytics',
      run: (actor, query) => analytics.sales(actor, query),
    }),
    tool({
      name: 'top_products',
      title: 'Best-selling products',
      description:
        'Admins only. The products that sold most between the UTC days `from` and `to`, by `sort` revenue (default) or units, at most `limit` (default 10, ≤ 100). Canceled orders are left out.',
      input: TopProductsQuery,
      output: schemaOf(TopProductsView),
      annotations: READ,
      requires: 'order:analytics',
      run: (actor, query) => analytics.topProducts(actor, query),
    }),
  ];
}
