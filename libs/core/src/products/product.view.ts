import { IsBoolean, IsDateString, IsInt, IsNumber, IsObject, IsOptional, IsString } from 'class-validator';
import type { Product } from './product';

export class ProductView {
  @IsInt() id!: number;
  @IsString() name!: string;
  @IsString() slug!: string;
  @IsOptional() @IsString() description!: string | null;
  @IsNumber({ maxDecimalPlaces: 2 }) price!: number;
  @IsInt() stock!: number;
  @IsBoolean() is_active!: boolean;
  @IsOptional() @IsObject() metadata!: Record<string, unknown> | null;
  @IsDateString() created_at!: string;
  @IsDateString() updated_at!: string;
}

export function toProductView(p: Product): ProductView {
  return {
    id: p.id,
    name: p.name,
    slug: p.slug,
    description: p.description,
    price: p.price,
    stock: p.stock,
    is_active: p.isActive,
    metadata: p.metadata,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

export class ProductStatsView {
  @IsInt() active_products!: number;
  @IsInt() inactive_products!: number;
  @IsInt() total_stock_units!: number;
  @IsNumber({ maxDecimalPlaces: 2 }) stock_value!: number;
}
