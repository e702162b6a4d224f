export * from './contribution';
export * from './mcp-catalog';
export * from './tool';
export * from './schemas';
export * from './paging';
export * from './tool-results';
export * from './tool-failures';
