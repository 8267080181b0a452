import type { Kysely } from 'kysely';
import { normalizePowerAccount } from '../../../domain/powerAccount.js';
import type { DialectName } from '../dialect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on today's schema types
type AnyDb = Kysely<any>;

/**
 * Power account numbers stored as typed — full-width digits from a phone's Chinese keyboard, tabs,
 * ideographic spaces — become the one stored form (domain/powerAccount), which the register's expression
 * index (migration 034) and the same-site search compare with. Only rows that change are written.
 */
export async function up(db: AnyDb, dialect: DialectName): Promise<void> {
  void dialect;
  for (let after = 0; ; ) {
    const rows: { id: number; power_account: string }[] = await db
      .selectFrom('enterprises')
      .select(['id', 'power_account'])
      .where('id', '>', after)
      .where('power_account', '<>', '')
      .orderBy('id')
      .limit(5000)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const normal = normalizePowerAccount(r.power_account);
      if (normal !== r.power_account) await db.updateTable('enterprises').set({ power_account: normal }).where('id', '=', r.id).execute();
    }
    after = rows[rows.length - 1].id;
  }
}
