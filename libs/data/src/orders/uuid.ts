const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that is no UUID names no row; asking PostgreSQL would fail the whole transaction with 22P02 instead. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}
