import { IsString, IsUUID, Length } from 'class-validator';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../idempotently';
import { CheckoutLinesDto } from './checkout-lines.dto';
import { SetOrderStatusDto } from './set-order-status.dto';

/*
 * Inputs that carry in the body what REST puts in the path or a header (MCP tools have neither). The
 * idempotency key is the agent's own: the same key retried after a lost answer returns the first result.
 */

const keyMessage = { message: `idempotency_key must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters` };

/** A checkout or order by its UUID. */
export class UuidDto {
  @IsUUID() id!: string;
}

export class CreateCheckoutToolDto extends CheckoutLinesDto {
  @IsString() @Length(1, MAX_IDEMPOTENCY_KEY_LENGTH, keyMessage) idempotency_key!: string;
}

export class UpdateCheckoutByIdDto extends CheckoutLinesDto {
  @IsUUID() id!: string;
}

export class CompleteCheckoutDto extends UuidDto {
  @IsString() @Length(1, MAX_IDEMPOTENCY_KEY_LENGTH, keyMessage) idempotency_key!: string;
}

export class SetOrderStatusByIdDto extends SetOrderStatusDto {
  @IsUUID() id!: string;
}
