import { sql, type Kysely } from 'kysely';
import { textGrams } from '../../../domain/search.js';
import { bulkInsert } from '../bulk.js';
import type { DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * The search index (issue 13): for each workshop, every distinct fragment of 1–3 characters of its
 * name, address, operator and phone, lower-cased (domain/search.ts). A search for a fragment of up
 * to three characters reads its entries in workshop order (newest first, no sort); a longer one
 * reads the entries of its rarest three-character piece, and LIKE checks each row either way.
 * FTS5's trigram tokenizer and pg_trgm do not index fragments shorter than three characters, and
 * two-character searches are the common case in Chinese.
 *
 * One B-tree keyed (campaign, fragment, workshop): WITHOUT ROWID on SQLite, so the key is the
 * table. The repositories keep it (server/repositories/search.ts); the existing register is indexed here.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  const gramType = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  const rowid = dialect === 'sqlite' ? sql.raw(' without rowid') : sql.raw('');
  await sql`create table workshop_search_grams (
    campaign_id integer not null,
    gram ${gramType} not null,
    enterprise_id integer not null,
    primary key (campaign_id, gram, enterprise_id)
  )${rowid}`.execute(db);
  for (let after = 0; ; ) {
    const rows: { id: number; campaign_id: number; name: string; address: string; contact_person: string; phone: string }[] = await db
      .selectFrom('enterprises')
      .select(['id', 'campaign_id', 'name', 'address', 'contact_person', 'phone'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (rows.length === 0) break;
    const entries: [number, string, number][] = [];
    for (const r of rows) for (const gram of textGrams([r.name, r.address, r.contact_person, r.phone])) entries.push([r.campaign_id, gram, r.id]);
    await bulkInsert(db, 'workshop_search_grams', ['campaign_id', 'gram', 'enterprise_id'], entries);
    after = rows[rows.length - 1].id;
  }
}
