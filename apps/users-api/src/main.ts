import 'reflect-metadata';
import { bootstrap } from '@mercato/server';
import { UsersApiConfig } from './users-api.config';
import { UsersApiModule } from './users-api.module';

void bootstrap(UsersApiModule, UsersApiConfig);
