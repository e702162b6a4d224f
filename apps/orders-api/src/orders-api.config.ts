import { ServerConfig } from '@mercato/server';

export class OrdersApiConfig extends ServerConfig {
  override PORT = 3004;
}
