// The search index (workshop_search_grams, migration 020): which workshops hold which fragment of
// 1–3 characters in their name, address, operator or phone (domain/search.ts). Every writer of
// those columns keeps it here, in its own transaction: a new workshop (form, import, demo,
// generator) through indexWorkshops, an edit through reindexWorkshop. `qudi search check` compares
// it with the register; `qudi search rebuild` writes it anew.
import { sql, type Kysely, type SqlBool } from 'kysely';
import { fragmentGrams, SEARCHED_COLUMNS, textGrams } from '../../domain/search.js';
import { bulkInsert } from '../db/bulk.js';
import { toNumber } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import type { ReadRunner } from '../db/readers.js';
import { inTransaction } from '../db/transaction.js';

/** A workshop's searched texts, as the register holds them. */
export interface SearchedText {
  id: number;
  campaign_id: number;
  name: string;
  address: string;
  contact_person: string;
  phone: string;
}

const GRAM_COLUMNS = ['campaign_id', 'gram', 'enterprise_id'] as const;

export function workshopGrams(w: Pick<SearchedText, 'name' | 'address' | 'contact_person' | 'phone'>): Set<string> {
  return textGrams(SEARCHED_COLUMNS.map((c) => w[c]));
}

/** Adds the entries of workshops that have none yet (new ones), in the caller's transaction. */
export async function indexWorkshops(db: Kysely<Database>, workshops: readonly SearchedText[]): Promise<void> {
  const rows: [number, string, number][] = [];
  for (const w of workshops) for (const gram of workshopGrams(w)) rows.push([w.campaign_id, gram, w.id]);
  // In key order: the index's B-tree is written page by page instead of all over.
  rows.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2]));
  await bulkInsert(db, 'workshop_search_grams', GRAM_COLUMNS, rows);
}

/** Brings a workshop's entries from its texts `before` to `after`: what is gone is deleted, what is new added. */
export async function reindexWorkshop(db: Kysely<Database>, before: SearchedText, after: Partial<Pick<SearchedText, 'name' | 'address' | 'contact_person' | 'phone'>>): Promise<void> {
  const old = workshopGrams(before);
  const next = workshopGrams({
    name: after.name ?? before.name,
    address: after.address ?? before.address,
    contact_person: after.contact_person ?? before.contact_person,
    phone: after.phone ?? before.phone,
  });
  const gone = [...old].filter((g) => !next.has(g));
  const added = [...next].filter((g) => !old.has(g));
  for (let i = 0; i < gone.length; i += 500) {
    await db
      .deleteFrom('workshop_search_grams')
      .where('campaign_id', '=', before.campaign_id)
      .where('gram', 'in', gone.slice(i, i + 500))
      .where('enterprise_id', '=', before.id)
      .execute();
  }
  if (added.length > 0) await bulkInsert(db, 'workshop_search_grams', GRAM_COLUMNS, added.map((g) => [before.campaign_id, g, before.id]));
}

/** The pieces of a fragment are first counted up to this many each, to pick the rarest. */
const PICK_BOUND = 1_000;

/** Postings are weighed up to this many by default: past it, one common piece is as good as another. */
export const WEIGH_BOUND = 20_000;

/**
 * How many workshops hold each of `grams`, each counted up to `bound`, in one statement (a UNION
 * ALL of bounded index ranges): one round trip however long the fragment.
 */
export function gramsPostingsQuery(campaignId: number, grams: readonly string[], bound: number) {
  const parts = grams.map(
    (gram, k) =>
      sql`select ${k} as k, (select count(*) from (select 1 from workshop_search_grams where campaign_id = ${campaignId} and gram = ${gram} limit ${bound}) p) as n`,
  );
  return sql<{ k: number; n: number | string }>`${sql.join(parts, sql` union all `)}`;
}

/**
 * The index entry a search for `fragment` goes through: the fragment itself, or the piece of a
 * longer one held by the fewest workshops. `postings` is how many hold it, counted up to
 * `weighUpTo` (WEIGH_BOUND by default), when weighed (always for a longer fragment; for a short one
 * only with `weigh`), else null. Null for an empty fragment.
 */
export async function searchGram(
  db: Kysely<Database>,
  reads: ReadRunner,
  campaignId: number,
  fragment: string,
  opts: { weigh?: boolean; weighUpTo?: number } = {},
): Promise<{ gram: string; postings: number | null } | null> {
  const grams = fragmentGrams(fragment);
  if (grams.length === 0) return null;
  if (grams.length === 1 && !opts.weigh) return { gram: grams[0], postings: null };
  const upTo = opts.weighUpTo ?? WEIGH_BOUND;
  const pick = Math.min(PICK_BOUND, upTo);
  // Every piece counted up to a small bound picks the rarest; only if even that one reaches the
  // bound is it counted further (a long fragment's common pieces, such as digits, cost little then).
  const counts = await reads.all(gramsPostingsQuery(campaignId, grams, pick).compile(db));
  let best = { gram: grams[0], postings: Infinity };
  for (const c of counts) {
    const postings = toNumber(c.n);
    if (postings < best.postings) best = { gram: grams[Number(c.k)], postings };
  }
  if (best.postings < pick || pick === upTo) return best;
  const [again] = await reads.all(gramsPostingsQuery(campaignId, [best.gram], upTo).compile(db));
  return { gram: best.gram, postings: toNumber(again?.n) };
}

/** Up to `limit` workshops holding `gram`, newest first, below id `before` when given: one index range. */
export function gramEntriesQuery(db: Kysely<Database>, campaignId: number, gram: string, before: number | null, limit: number) {
  return db
    .selectFrom('workshop_search_grams')
    .select('enterprise_id')
    .where('campaign_id', '=', campaignId)
    .where('gram', '=', gram)
    .$if(before !== null, (q) => q.where('enterprise_id', '<', before!))
    .orderBy('enterprise_id', 'desc')
    .limit(limit);
}

/** The condition "the workshop holds `gram`", one index probe per row of the register. */
export function holdsGram(campaignId: number, gram: string) {
  return sql<SqlBool>`exists (select 1 from workshop_search_grams g where g.campaign_id = ${campaignId} and g.gram = ${gram} and g.enterprise_id = ${sql.ref('enterprises.id')})`;
}

export interface SearchIndexCheck {
  workshops: number;
  entries: number;
  /** Workshops whose entries are not the ones their texts give (the first `maxReported`). */
  mismatches: number[];
  /** How many workshops differ in all. */
  mismatched: number;
  /** Entries naming no workshop of their campaign on the register. */
  orphans: number;
}

/** A fingerprint of a set of entries: how many, and a sum of their hashes (order does not matter). */
function fingerprint(): { n: number; h: number } {
  return { n: 0, h: 0 };
}

function gramHash(gram: string): number {
  let h = 2166136261;
  for (let i = 0; i < gram.length; i++) h = Math.imul(h ^ gram.charCodeAt(i), 16777619);
  return h >>> 0;
}

const FINGERPRINT_MOD = 2 ** 48;

/**
 * Compares the index with the register's texts: one pass over the index in key order gives each
 * workshop's entries a fingerprint (count and hash sum), one pass over the register the
 * fingerprint its texts want. No row is looked up one by one, and no second index is needed.
 */
export async function checkSearchIndex(db: Kysely<Database>, opts: { chunk?: number; maxReported?: number } = {}): Promise<SearchIndexCheck> {
  const chunk = opts.chunk ?? 20_000;
  const maxReported = opts.maxReported ?? 50;
  const held = new Map<string, { n: number; h: number }>();
  const key = (campaignId: number, id: number) => `${campaignId}:${id}`;
  let entries = 0;
  type Entry = { campaign_id: number; gram: string; enterprise_id: number };
  for (let after: Entry | null = null; ; ) {
    const cursor: Entry | null = after;
    const rows: Entry[] = await db
      .selectFrom('workshop_search_grams')
      .select(['campaign_id', 'gram', 'enterprise_id'])
      .$if(cursor !== null, (q) => q.where(sql<SqlBool>`(campaign_id, gram, enterprise_id) > (${cursor!.campaign_id}, ${cursor!.gram}, ${cursor!.enterprise_id})`))
      .orderBy('campaign_id')
      .orderBy('gram')
      .orderBy('enterprise_id')
      .limit(chunk)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const k = key(r.campaign_id, r.enterprise_id);
      let f = held.get(k);
      if (!f) held.set(k, (f = fingerprint()));
      f.n++;
      f.h = (f.h + gramHash(r.gram)) % FINGERPRINT_MOD;
    }
    entries += rows.length;
    after = rows[rows.length - 1];
  }
  const out: SearchIndexCheck = { workshops: 0, entries, mismatches: [], mismatched: 0, orphans: 0 };
  for (let after = 0; ; ) {
    const workshops = await searchedTextsAfter(db, after, chunk);
    if (workshops.length === 0) break;
    for (const w of workshops) {
      const want = fingerprint();
      for (const gram of workshopGrams(w)) {
        want.n++;
        want.h = (want.h + gramHash(gram)) % FINGERPRINT_MOD;
      }
      const k = key(w.campaign_id, w.id);
      const have = held.get(k) ?? fingerprint();
      held.delete(k);
      if (have.n !== want.n || have.h !== want.h) {
        if (out.mismatched++ < maxReported) out.mismatches.push(w.id);
      }
    }
    out.workshops += workshops.length;
    after = workshops[workshops.length - 1].id;
  }
  // What is left names no workshop of that campaign.
  for (const f of held.values()) out.orphans += f.n;
  return out;
}

/** Writes the whole index anew from the register, in one transaction. Answers the workshops indexed. */
export async function rebuildSearchIndex(db: Kysely<Database>): Promise<number> {
  return inTransaction(db, async (trx) => {
    await trx.deleteFrom('workshop_search_grams').execute();
    let done = 0;
    for (let after = 0; ; ) {
      const workshops = await searchedTextsAfter(trx, after, 5000);
      if (workshops.length === 0) return done;
      await indexWorkshops(trx, workshops);
      done += workshops.length;
      after = workshops[workshops.length - 1].id;
    }
  });
}

/** The searched texts of up to `limit` workshops with ids above `after`, in id order. */
function searchedTextsAfter(db: Kysely<Database>, after: number, limit: number): Promise<SearchedText[]> {
  return db.selectFrom('enterprises').select(['id', 'campaign_id', 'name', 'address', 'contact_person', 'phone']).where('id', '>', after).orderBy('id').limit(limit).execute();
}
