export * from './products-domain.module';
export * from './mcp/products.mcp';
