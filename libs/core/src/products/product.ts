export interface Product {
  id: number;
  name: string;
  slug: string;
  description: string | null;
  /** Exact to the cent: stored as numeric(12,2), handled here as a number with at most two decimals. */
  price: number;
  stock: number;
  isActive: boolean;
  metadata: Record<string, unknown> | null;
  createdAt: Date;
  updatedAt: Date;
}
