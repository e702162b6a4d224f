export * from './orders-config';
export * from './orders-domain.module';
export * from './checkout-expiry';
export * from './mcp/orders.mcp';
