import { IsIn } from 'class-validator';

export const SETTABLE_ORDER_STATUSES = ['shipped', 'delivered'] as const;

/** Forward only: confirmed → shipped → delivered. Canceling has its own route, which gives the stock back. */
export class SetOrderStatusDto {
  @IsIn(SETTABLE_ORDER_STATUSES) status!: (typeof SETTABLE_ORDER_STATUSES)[number];
}
