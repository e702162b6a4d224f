import 'reflect-metadata';
import { bootstrap } from '@mercato/server';
import { UsersApiModule } from './users-api.module';

void bootstrap(UsersApiModule);
