import { JsonText } from '../common/json-text';
import type { Page } from '../common/pagination';
import type { ProductView } from './product.view';

/**
 * Read-through cache of product views and list pages. The server lib backs it with Redis (shared by every
 * replica, so a write anywhere invalidates everywhere); without Redis it is a pass-through.
 * A cache failure is never an error for the caller: it falls back to `load`. Entries come back as their JSON
 * text (as Redis holds them), so a response sends them without parsing and serializing them again.
 */
export abstract class ProductCache {
  abstract byId(id: number, load: () => Promise<ProductView | null>): Promise<JsonText<ProductView | null>>;
  abstract bySlug(slug: string, load: () => Promise<ProductView | null>): Promise<JsonText<ProductView | null>>;
  abstract list(query: string, load: () => Promise<Page<ProductView>>): Promise<JsonText<Page<ProductView>>>;
  /** Called after every committed write to the product. */
  abstract invalidate(productId: number): Promise<void>;
}

export class NoProductCache extends ProductCache {
  async byId(_id: number, load: () => Promise<ProductView | null>) {
    return JsonText.of(await load());
  }
  async bySlug(_slug: string, load: () => Promise<ProductView | null>) {
    return JsonText.of(await load());
  }
  async list(_query: string, load: () => Promise<Page<ProductView>>) {
    return JsonText.of(await load());
  }
  async invalidate(_productId: number): Promise<void> {
    // nothing cached, nothing to forget
  }
}
