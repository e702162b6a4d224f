import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  AdjustStockDto,
  CreateProductDto,
  ListProductsQuery,
  LowStockQuery,
  ProductStatsView,
  ProductsService,
  ProductView,
  UpdateProductDto,
} from '@mercato/core';
import { ApiConditionalRead, ApiPage, ApiProblems, CurrentActor, IdPipe, permissionNote, Public, Requires } from '@mercato/server';

const INACTIVE_IS_NOT_FOUND = `Inactive products are 404 for callers without ${permissionNote('product:read-inactive')}.`;

@ApiTags('products')
@Controller('api/v1/products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @Public({ tokenOptional: true })
  @ApiOperation({
    summary: 'Browse and search the catalog',
    description:
      'Paged, with total. `search` matches a substring of the name ignoring case and accents. ' +
      `Callers with ${permissionNote('product:read-inactive')} see all products and may filter with \`is_active\`; everyone else sees active products only.`,
  })
  @ApiPage(ProductView)
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ListProductsQuery) {
    return this.products.listAsJson(actor, query);
  }

  @Get('low-stock')
  @Requires('product:read-stock')
  @ApiOperation({ summary: 'Active products below a stock threshold', description: 'Lowest stock first; `threshold` defaults to 10.' })
  @ApiPage(ProductView)
  @ApiProblems(400, 401, 403)
  lowStock(@CurrentActor() actor: Actor, @Query() query: LowStockQuery) {
    return this.products.lowStock(actor, query);
  }

  @Get('stats')
  @Requires('product:stats')
  @ApiOperation({ summary: 'Catalog totals', description: 'Active and inactive counts, stock units and stock value of active products.' })
  @ApiOkResponse({ type: ProductStatsView })
  @ApiProblems(401, 403)
  stats(@CurrentActor() actor: Actor) {
    return this.products.stats(actor);
  }

  @Get('slug/:slug')
  @Public({ tokenOptional: true })
  @ApiOperation({ summary: 'One product by slug', description: `${INACTIVE_IS_NOT_FOUND} Supports If-None-Match (304).` })
  @ApiConditionalRead(ProductView)
  @ApiProblems(401, 404)
  bySlug(@CurrentActor() actor: Actor, @Param('slug') slug: string) {
    return this.products.getBySlugAsJson(actor, slug);
  }

  @Get(':id')
  @Public({ tokenOptional: true })
  @ApiOperation({ summary: 'One product', description: `${INACTIVE_IS_NOT_FOUND} Supports If-None-Match (304).` })
  @ApiConditionalRead(ProductView)
  @ApiProblems(400, 401, 404)
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: number) {
    return this.products.getAsJson(actor, id);
  }

  @Post()
  @Requires('product:write')
  @ApiOperation({ summary: 'Create a product', description: 'The slug comes from the name ("Café Crème" → cafe-creme), with -1, -2 … when taken.' })
  @ApiCreatedResponse({ type: ProductView })
  @ApiProblems(400, 401, 403)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProductDto) {
    return this.products.create(actor, dto);
  }

  @Put(':id')
  @Requires('product:write')
  @ApiOperation({ summary: 'Update a product', description: 'Partial: only the fields sent change. A new name regenerates the slug.' })
  @ApiOkResponse({ type: ProductView })
  @ApiProblems(400, 401, 403, 404)
  update(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: number, @Body() dto: UpdateProductDto) {
    return this.products.update(actor, id, dto);
  }

  @Patch(':id/stock')
  @Requires('product:write')
  @ApiOperation({
    summary: 'Add or remove stock',
    description:
      'One atomic change by `quantity` (negative removes). A change that would take stock below zero is refused with 409 `insufficient-stock`, naming the current stock; nothing changes.',
  })
  @ApiOkResponse({ type: ProductView })
  @ApiProblems(400, 401, 403, 404, 409)
  adjustStock(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: number, @Body() dto: AdjustStockDto) {
    return this.products.adjustStock(actor, id, dto);
  }

  @Delete(':id')
  @Requires('product:write')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Deactivate a product',
    description: `Soft delete: the product stays, and is 404 for callers without ${permissionNote('product:read-inactive')}.`,
  })
  @ApiNoContentResponse({ description: 'Deactivated' })
  @ApiProblems(400, 401, 403, 404)
  deactivate(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: number) {
    return this.products.deactivate(actor, id);
  }
}
