export * from './products-domain.module';
