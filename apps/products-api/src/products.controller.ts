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
import { ApiConditionalRead, ApiPage, ApiProblems, CurrentActor, IdPipe, Public, Roles } from '@mercato/server';

@ApiTags('products')
@Controller('api/v1/products')
export class ProductsController {
  constructor(private readonly products: ProductsService) {}

  @Get()
  @Public({ tokenOptional: true })
  @ApiOperation({
    summary: 'Browse and search the catalog',
    description:
      'Paged, with total. `search` matches a substring of the name ignoring case and accents. Anonymous callers and users see active products only; admins may filter with `is_active`.',
  })
  @ApiPage(ProductView)
  @ApiProblems(400, 401, 403)
  list(@CurrentActor() actor: Actor, @Query() query: ListProductsQuery) {
    return this.products.list(actor, query);
  }

  @Get('low-stock')
  @Roles('admin')
  @ApiOperation({ summary: 'Active products below a stock threshold (admin)', description: 'Lowest stock first; `threshold` defaults to 10.' })
  @ApiPage(ProductView)
  @ApiProblems(400, 401, 403)
  lowStock(@CurrentActor() actor: Actor, @Query() query: LowStockQuery) {
    return this.products.lowStock(actor, query);
  }

  @Get('stats')
  @Roles('admin')
  @ApiOperation({ summary: 'Catalog totals (admin)', description: 'Active and inactive counts, stock units and stock value of active products.' })
  @ApiOkResponse({ type: ProductStatsView })
  @ApiProblems(401, 403)
  stats(@CurrentActor() actor: Actor) {
    return this.products.stats(actor);
  }

  @Get('slug/:slug')
  @Public({ tokenOptional: true })
  @ApiOperation({ summary: 'One product by slug', description: 'Inactive products are 404 except for admins. Supports If-None-Match (304).' })
  @ApiConditionalRead(ProductView)
  @ApiProblems(401, 404)
  bySlug(@CurrentActor() actor: Actor, @Param('slug') slug: string) {
    return this.products.getBySlug(actor, slug);
  }

  @Get(':id')
  @Public({ tokenOptional: true })
  @ApiOperation({ summary: 'One product', description: 'Inactive products are 404 except for admins. Supports If-None-Match (304).' })
  @ApiConditionalRead(ProductView)
  @ApiProblems(400, 401, 404)
  get(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: number) {
    return this.products.get(actor, id);
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a product (admin)', description: 'The slug comes from the name ("Café Crème" → cafe-creme), with -1, -2 … when taken.' })
  @ApiCreatedResponse({ type: ProductView })
  @ApiProblems(400, 401, 403)
  create(@CurrentActor() actor: Actor, @Body() dto: CreateProductDto) {
    return this.products.create(actor, dto);
  }

  @Put(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Update a product (admin)', description: 'Partial: only the fields sent change. A new name regenerates the slug.' })
  @ApiOkResponse({ type: ProductView })
  @ApiProblems(400, 401, 403, 404)
  update(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: number, @Body() dto: UpdateProductDto) {
    return this.products.update(actor, id, dto);
  }

  @Patch(':id/stock')
  @Roles('admin')
  @ApiOperation({
    summary: 'Add or remove stock (admin)',
    description:
      'One atomic change by `quantity` (negative removes). A change that would take stock below zero is refused with 409 `insufficient-stock`, naming the current stock; nothing changes.',
  })
  @ApiOkResponse({ type: ProductView })
  @ApiProblems(400, 401, 403, 404, 409)
  adjustStock(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: number, @Body() dto: AdjustStockDto) {
    return this.products.adjustStock(actor, id, dto);
  }

  @Delete(':id')
  @Roles('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deactivate a product (admin)', description: 'Soft delete: the product disappears for everyone but admins.' })
  @ApiNoContentResponse({ description: 'Deactivated' })
  @ApiProblems(400, 401, 403, 404)
  deactivate(@CurrentActor() actor: Actor, @Param('id', IdPipe) id: number) {
    return this.products.deactivate(actor, id);
  }
}
