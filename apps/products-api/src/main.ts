import 'reflect-metadata';
import { bootstrap } from '@mercato/server';
import { ProductsApiConfig } from './products-api.config';
import { ProductsApiModule } from './products-api.module';

void bootstrap(ProductsApiModule, ProductsApiConfig);
