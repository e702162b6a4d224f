import { Module } from '@nestjs/common';
import { type Actor, ProductsService } from '@mercato/core';
import { ContributesToMcp, type McpContribution, type McpContributor } from '@mercato/mcp';
import { ProductsDomainModule } from '../products-domain.module';
import { productFamily, productsResources } from './products.resources';
import { productsPrompts } from './products.prompts';
import { productsTools } from './products.tools';

/** The catalog as agents see it: product tools, the low-stock and per-product resources, two prompts. */
@ContributesToMcp()
export class ProductsMcp implements McpContributor {
  constructor(private readonly products: ProductsService) {}

  contribution(): McpContribution {
    return {
      tools: productsTools(this.products),
      resources: productsResources(this.products),
      resourceFamilies: [productFamily(this.products, this.productIds)],
      prompts: productsPrompts(this.products, this.productIds),
    };
  }

  /** Completion of a product id: the newest products the caller can see whose id starts with `prefix`. */
  private readonly productIds = async (actor: Actor, prefix: string): Promise<string[]> => {
    const page = await this.products.list(actor, { skip: 0, limit: 100, sort: '-created_at' });
    return page.items.map((p) => String(p.id)).filter((id) => id.startsWith(prefix));
  };
}

/** Import into the MCP gateway's module to offer the catalog to agents. */
@Module({ imports: [ProductsDomainModule], providers: [ProductsMcp] })
export class ProductsMcpModule {}
