/**
 * Money is held in integer cents and summed as integers, so 3 × 0.10 is 0.30 and never 0.30000000000000004.
 * Views show it as a number with at most two decimals, as products show their price.
 */
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

/** Dividing an integer by 100 gives the nearest double to the decimal, which prints with at most two decimals. */
export function fromCents(cents: number): number {
  return cents / 100;
}

export interface PricedLine {
  unitPriceCents: number;
  quantity: number;
}

export function lineTotalCents(line: PricedLine): number {
  return line.unitPriceCents * line.quantity;
}

export function subtotalCents(lines: readonly PricedLine[]): number {
  return lines.reduce((sum, line) => sum + lineTotalCents(line), 0);
}
