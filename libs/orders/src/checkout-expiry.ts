import { Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CheckoutsService, IdempotencyStore, systemActor } from '@mercato/core';
import { DataModule } from '@mercato/data';
import { OrdersConfig } from './orders-config';
import { OrdersDomainModule } from './orders-domain.module';

const BATCH = 100;
const actor = systemActor('checkout expiry');

/**
 * Releases the stock of checkouts past their expiry, every CHECKOUT_EXPIRY_INTERVAL_SECONDS, and forgets idempotency
 * keys whose time is up. Safe with any number of replicas: each batch claims its rows with FOR UPDATE SKIP LOCKED,
 * so two replicas never release one twice.
 */
@Injectable()
export class CheckoutExpiry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('CheckoutExpiry');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly checkouts: CheckoutsService,
    private readonly idempotency: IdempotencyStore,
    private readonly config: OrdersConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep().finally(() => (this.running = undefined));
    }, this.config.CHECKOUT_EXPIRY_INTERVAL_SECONDS * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Expires batch after batch until none is full. Returns how many checkouts it expired. */
  async sweep(): Promise<number> {
    let total = 0;
    try {
      for (let expired = BATCH; expired === BATCH; total += expired) expired = await this.checkouts.expireOverdue(actor, BATCH);
      // one batch a tick keeps the job short; a day's keys drain over the next ticks
      await this.idempotency.purgeExpired(10 * BATCH);
    } catch (error) {
      // the next tick tries again; a database outage must not stop the job for good
      this.logger.error(`Expiring checkouts failed: ${(error as Error).message}`);
    }
    if (total > 0) this.logger.log(`Expired ${total} checkout(s) and released their stock`);
    return total;
  }
}

/** Import into the one app that runs the job (orders-api); the MCP gateway sells without it. */
@Module({ imports: [OrdersDomainModule, DataModule], providers: [CheckoutExpiry], exports: [CheckoutExpiry] })
export class CheckoutExpiryModule {}
