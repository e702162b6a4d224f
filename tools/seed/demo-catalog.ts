import type { NewProduct } from '@mercato/core';

export const STYLES = [
  'Rustic',
  'Nordic',
  'Classic',
  'Modern',
  'Vintage',
  'Compact',
  'Deluxe',
  'Handmade',
  'Artisan',
  'Urban',
  'Coastal',
  'Alpine',
  'Minimal',
  'Heritage',
  'Studio',
  'Garden',
  'Royal',
  'Everyday',
  'Travel',
  'Premium',
];
export const MATERIALS = [
  'Oak',
  'Walnut',
  'Bamboo',
  'Linen',
  'Cotton',
  'Wool',
  'Copper',
  'Brass',
  'Ceramic',
  'Porcelain',
  'Glass',
  'Marble',
  'Slate',
  'Leather',
  'Cast Iron',
  'Stainless',
  'Crème',
  'Terracotta',
  'Rattan',
  'Velvet',
  'Stoneware',
  'Birch',
  'Cork',
  'Jute',
  'Felt',
];
export const ITEMS = [
  'Coffee Mug',
  'Teapot',
  'Espresso Cup',
  'Serving Bowl',
  'Dinner Plate',
  'Salad Bowl',
  'Cutting Board',
  'Bread Knife',
  'Chef Knife',
  'Saucepan',
  'Frying Pan',
  'Dutch Oven',
  'Kettle',
  'French Press',
  'Pour-Over Dripper',
  'Water Carafe',
  'Wine Glass',
  'Tumbler',
  'Table Lamp',
  'Floor Lamp',
  'Desk Lamp',
  'Pendant Light',
  'Candle Holder',
  'Vase',
  'Planter',
  'Picture Frame',
  'Wall Clock',
  'Mirror',
  'Side Table',
  'Coffee Table',
  'Bookshelf',
  'Stool',
  'Bench',
  'Armchair',
  'Throw Blanket',
  'Cushion',
  'Rug',
  'Bath Towel',
  'Bath Mat',
  'Storage Basket',
  'Laundry Hamper',
  'Coat Rack',
  'Umbrella Stand',
  'Doormat',
  'Tote Bag',
  'Notebook',
  'Pen Holder',
  'Spice Rack',
  'Napkin Set',
  'Apron',
];

/** Deterministic pseudo-random numbers, so every demo catalog is the same. */
function* numbers(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    yield x / 2_147_483_648;
  }
}

/**
 * `count` distinct products with plausible names, prices and stock levels: style × material × item gives
 * 25,000 names; beyond that a series number keeps them distinct.
 */
export function demoCatalog(count: number): NewProduct[] {
  const random = numbers(42);
  const next = () => random.next().value as number;
  const products: NewProduct[] = [];
  const combos = STYLES.length * MATERIALS.length * ITEMS.length;
  for (let i = 0; products.length < count; i++) {
    // Stepping by a prime coprime to the number of combinations visits each once, in a well-mixed order,
    // so even a small catalog spans every style, material and item.
    const combo = (i * 7919) % combos;
    const series = Math.floor(i / combos);
    const item = ITEMS[combo % ITEMS.length];
    const material = MATERIALS[Math.floor(combo / ITEMS.length) % MATERIALS.length];
    const style = STYLES[Math.floor(combo / (ITEMS.length * MATERIALS.length))];
    const name = `${style} ${material} ${item}${series ? ` Series ${series + 1}` : ''}`;
    products.push({
      name,
      description: `A ${style.toLowerCase()} ${item.toLowerCase()} in ${material.toLowerCase()}.`,
      price: Math.round((4 + next() * 296) * 100) / 100,
      stock: next() < 0.08 ? 0 : Math.floor(next() * 120),
      metadata: { material: material.toLowerCase(), style: style.toLowerCase() },
    });
  }
  return products;
}
