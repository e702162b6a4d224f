import { ConflictError } from '@mercato/core';
import { QueryFailedError } from 'typeorm';

const UNIQUE_VIOLATION = '23505';

/** The SQLSTATE of a failed query (e.g. `40P01` for a deadlock), or undefined for any other error. */
export function postgresErrorCode(error: unknown): string | undefined {
  return error instanceof QueryFailedError ? (error.driverError as { code?: string }).code : undefined;
}

/**
 * Turns a unique-index refusal into the domain's ConflictError; `fields` maps index names to the field
 * the caller sees. Anything else is rethrown untouched.
 */
export function rethrowUniqueViolation(error: unknown, resource: string, fields: Record<string, string>): never {
  const driver = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;
  const field = driver?.code === UNIQUE_VIOLATION && driver.constraint ? fields[driver.constraint] : undefined;
  if (field) throw new ConflictError(`A ${resource} with this ${field} already exists`, field);
  throw error;
}

/** Escapes LIKE wildcards so a search for `50%` matches that text, not everything. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
