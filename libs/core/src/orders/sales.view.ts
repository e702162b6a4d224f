import { IsInt, IsNumber, IsString } from 'class-validator';
import { Nested } from '../common/validators';

export class SalesPeriodView {
  /** The period's first day, YYYY-MM-DD (UTC; weeks start on Monday). */
  @IsString() period!: string;
  @IsInt() orders!: number;
  @IsInt() units!: number;
  @IsNumber({ maxDecimalPlaces: 2 }) revenue!: number;
}

export class SalesTotalsView {
  @IsInt() orders!: number;
  @IsInt() units!: number;
  @IsNumber({ maxDecimalPlaces: 2 }) revenue!: number;
}

export class SalesReportView {
  @Nested(() => SalesPeriodView, { each: true }) items!: SalesPeriodView[];
  @Nested(() => SalesTotalsView) totals!: SalesTotalsView;
}

export class ProductSalesView {
  @IsInt() product_id!: number;
  @IsString() name!: string;
  @IsInt() units!: number;
  @IsNumber({ maxDecimalPlaces: 2 }) revenue!: number;
}

export class TopProductsView {
  @Nested(() => ProductSalesView, { each: true }) items!: ProductSalesView[];
}

export class SalesSummaryView {
  @IsInt() orders!: number;
  @IsInt() units!: number;
  @IsNumber({ maxDecimalPlaces: 2 }) revenue!: number;
  /** Revenue per order, rounded to the cent; 0 when there were no orders. */
  @IsNumber({ maxDecimalPlaces: 2 }) average_order_value!: number;
  @IsInt() canceled_orders!: number;
}
