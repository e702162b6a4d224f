import 'reflect-metadata';
import { bootstrap } from '@mercato/server';
import { ProductsApiModule } from './products-api.module';

void bootstrap(ProductsApiModule);
