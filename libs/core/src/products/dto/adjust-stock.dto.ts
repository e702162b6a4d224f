import { IsInt, Max, Min, NotEquals } from 'class-validator';

export class AdjustStockDto {
  /** Units to add (positive) or remove (negative). */
  @IsInt() @NotEquals(0, { message: 'quantity must not be 0' }) @Min(-1_000_000) @Max(1_000_000) quantity!: number;
}
