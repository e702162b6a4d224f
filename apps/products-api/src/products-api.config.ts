import { ServerConfig } from '@mercato/server';

export class ProductsApiConfig extends ServerConfig {
  override PORT = 3002;
}
