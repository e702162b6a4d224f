import { ValidationError } from '../common/errors';
import type { TimeRange } from './orders.repository';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whole UTC days `from`…`to`, both included, as the half-open range the repositories take. A day the calendar
 * lacks (2026-02-30) or a `to` before `from` is a validation error; an end left out stays open.
 */
export function dayRange(from: string | undefined, to: string | undefined): Partial<TimeRange> {
  const start = from === undefined ? undefined : dayStart(from, 'from');
  const end = to === undefined ? undefined : new Date(dayStart(to, 'to').getTime() + DAY_MS);
  if (start && end && start >= end) {
    throw new ValidationError([{ field: 'to', rule: 'notBeforeFrom', message: 'to must not be before from' }]);
  }
  return { from: start, to: end };
}

export function closedDayRange(from: string, to: string): TimeRange {
  return dayRange(from, to) as TimeRange;
}

function dayStart(day: string, field: string): Date {
  const date = new Date(`${day}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) {
    throw new ValidationError([{ field, rule: 'isCalendarDay', message: `${field} must be a day of the calendar` }]);
  }
  return date;
}
