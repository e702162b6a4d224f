import 'reflect-metadata';
import { bootstrap } from '@mercato/server';
import { OrdersApiModule } from './orders-api.module';

void bootstrap(OrdersApiModule);
