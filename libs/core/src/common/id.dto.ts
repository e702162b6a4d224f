import { IsInt, Max, Min } from 'class-validator';

export const MAX_ID = 2_147_483_647; // ids are Postgres integers

/** An input that names one record by id; tool inputs extend it with their own fields. */
export class IdDto {
  @IsInt() @Min(1) @Max(MAX_ID) id!: number;
}
