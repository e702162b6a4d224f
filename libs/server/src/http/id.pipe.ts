import { Injectable, type PipeTransform } from '@nestjs/common';
import { ValidationError } from '@mercato/core';

const MAX_ID = 2_147_483_647; // ids are Postgres integers; anything larger could only be a 404 or a 500

/** Route ids: positive integers in range, else a 400 naming the parameter rather than a database error. */
@Injectable()
export class IdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!(id >= 1 && id <= MAX_ID)) {
      throw new ValidationError([{ field: 'id', rule: 'isId', message: 'id must be a positive integer' }]);
    }
    return id;
  }
}
