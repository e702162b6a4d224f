import 'reflect-metadata';
import { bootstrap } from '@mercato/server';
import { McpGatewayModule } from './mcp-gateway.module';

void bootstrap(McpGatewayModule);
