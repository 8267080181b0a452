// Finding a workshop by a fragment of its name, address, operator or phone (搜索). The answer is
// what a case-insensitive LIKE '%fragment%' over those four fields gives; the search index
// (server/repositories/search.ts, table workshop_search_grams) only narrows the rows that LIKE then checks.
//
// The index holds, per workshop, every distinct fragment of 1 to GRAM_MAX characters of each of
// the four fields, lower-cased. A fragment of up to GRAM_MAX characters is looked up as it is; a
// longer one through one of its GRAM_MAX-character pieces (the rarest), which every row containing
// the fragment also contains. Lower-casing every letter (not only A–Z) keeps the index a superset
// of both databases' LIKE: SQLite folds A–Z only, PostgreSQL's ILIKE folds full-width and other
// letters too; LIKE itself decides.

/** Fragments of this many characters at most are indexed. */
export const GRAM_MAX = 3;

/**
 * A search collects at most this many matches, newest first: above it the list says 超过 N 家 and
 * shows those N (sorted as asked), and the user narrows the search. Counting every match of a
 * common fragment would cost more than the page itself.
 */
export const SEARCH_MATCH_LIMIT = 1000;

/** The text fields a search looks in, as the register's columns. */
export const SEARCHED_COLUMNS = ['name', 'address', 'contact_person', 'phone'] as const;

/** A character as the index keeps it: lower-cased when that gives one character (so 'İ' stays as it is). */
function fold(ch: string): string {
  const lower = ch.toLowerCase();
  return Array.from(lower).length === 1 ? lower : ch;
}

function folded(text: string): string[] {
  return Array.from(text, fold);
}

/** Every distinct fragment of 1..GRAM_MAX characters of the texts, folded: a workshop's index entries. */
export function textGrams(texts: readonly string[]): Set<string> {
  const grams = new Set<string>();
  for (const text of texts) {
    const chars = folded(text);
    for (let i = 0; i < chars.length; i++) {
      let gram = '';
      for (let n = 0; n < GRAM_MAX && i + n < chars.length; n++) {
        gram += chars[i + n];
        grams.add(gram);
      }
    }
  }
  return grams;
}

/**
 * The index entries a fragment can be found through: the fragment itself when it is short enough,
 * else each of its distinct GRAM_MAX-character pieces (any one of them finds every match; the
 * search uses the one with the fewest workshops). Empty for an empty fragment.
 */
export function fragmentGrams(fragment: string): string[] {
  const chars = folded(fragment);
  if (chars.length === 0) return [];
  if (chars.length <= GRAM_MAX) return [chars.join('')];
  const pieces = new Set<string>();
  for (let i = 0; i + GRAM_MAX <= chars.length; i++) pieces.add(chars.slice(i, i + GRAM_MAX).join(''));
  return [...pieces];
}
