import slugify from 'slugify';

/** URL slug of a name: lower-case ASCII words joined by hyphens, accents folded ("Café Crème" → "cafe-creme"). */
export function slugOf(name: string): string {
  return slugify(name, { lower: true, strict: true, trim: true }).slice(0, 180).replace(/-+$/, '') || 'product';
}

/**
 * Text folded for accent- and case-insensitive search: "Crème" and "creme" fold alike. Applied to stored names
 * and to search terms, so the database only compares folded text (and a trigram index can serve it).
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}
