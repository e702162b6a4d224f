import { ToNumber } from '@mercato/core';
import { IsInt, Matches, Max, Min } from 'class-validator';

/** The orders context's settings, read from the environment by every app that sells (orders-api, the MCP gateway). */
export class OrdersConfig {
  /** ISO 4217 code every checkout and order is priced in; prices in the catalog are in it. */
  @Matches(/^[A-Z]{3}$/, { message: 'CURRENCY must be an ISO 4217 code such as EUR' }) CURRENCY = 'EUR';
  /** How long a checkout holds its stock before it expires and the stock is released. */
  @ToNumber() @IsInt() @Min(10) @Max(7 * 24 * 3600) CHECKOUT_TTL_SECONDS = 900;
  /** How often orders-api releases the stock of expired checkouts; expiry shows at once on reads regardless. */
  @ToNumber() @IsInt() @Min(1) @Max(300) CHECKOUT_EXPIRY_INTERVAL_SECONDS = 2;
}
