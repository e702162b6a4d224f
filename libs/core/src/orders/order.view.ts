import { IsDateString, IsIn, IsInt, IsString, IsUUID } from 'class-validator';
import { ORDER_STATUSES, type Order, type OrderStatus } from './order';
import { LineItems, Totals, toLineViews, toTotalsView, type OrderLineView, type TotalsView } from './order-line.view';

export class OrderView {
  @IsUUID() id!: string;
  @IsUUID() checkout_id!: string;
  @IsInt() user_id!: number;
  @IsIn(ORDER_STATUSES) status!: OrderStatus;
  @IsString() currency!: string;
  @LineItems() line_items!: OrderLineView[];
  @Totals() totals!: TotalsView;
  @IsDateString() created_at!: string;
}

export function toOrderView(order: Order): OrderView {
  return {
    id: order.id,
    checkout_id: order.checkoutId,
    user_id: order.userId,
    status: order.status,
    currency: order.currency,
    line_items: toLineViews(order.lines),
    totals: toTotalsView(order.lines),
    created_at: order.createdAt.toISOString(),
  };
}
