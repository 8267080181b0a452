// 验收材料 (acceptance_packages): a town's versions, and the facts a new version is frozen from — the
// kept counts by status and item, the workshop list, joint operations, the number of cases, and the
// current image files of the workshops named.
import type { Insertable } from 'kysely';
import { PACKAGE_IMAGES_MAX, PACKAGE_WORKSHOPS_MAX } from '../../domain/acceptancePackage.js';
import { toNumber } from '../db/dialect.js';
import type { AcceptancePackageRow, AcceptancePackageTable, Db } from '../db/schema.js';

export async function packagesOfTown(db: Db, campaignId: number, townId: number): Promise<AcceptancePackageRow[]> {
  return db.selectFrom('acceptance_packages').selectAll().where('campaign_id', '=', campaignId).where('town_id', '=', townId).orderBy('version', 'desc').execute();
}

export async function findPackage(db: Db, id: number): Promise<AcceptancePackageRow | undefined> {
  return db.selectFrom('acceptance_packages').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPackage(db: Db, row: Insertable<AcceptancePackageTable>): Promise<number> {
  const { id } = await db.insertInto('acceptance_packages').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function supersedePackage(db: Db, id: number): Promise<void> {
  await db.updateTable('acceptance_packages').set({ status: 'superseded' }).where('id', '=', id).where('status', '=', 'submitted').execute();
}

/** Signs a submitted version; false when it is no longer submitted (signed or superseded meanwhile). */
export async function markPackageSigned(db: Db, id: number, s: { by: number; at: string; late: boolean }): Promise<boolean> {
  const r = await db.updateTable('acceptance_packages').set({ status: 'signed', signed_by: s.by, signed_at: s.at, late: s.late ? 1 : 0 }).where('id', '=', id).where('status', '=', 'submitted').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The town's workshops shut down or accepted: whose photos a package carries by default. */
export async function shutWorkshopIds(db: Db, campaignId: number, townId: number): Promise<number[]> {
  const rows = await db.selectFrom('enterprises').select('id').where('campaign_id', '=', campaignId).where('town_id', '=', townId).where('status', 'in', ['shut_down', 'accepted']).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** What a package version states about the town, from the register as it stands. */
export async function packageFacts(db: Db, campaignId: number, townId: number, imageWorkshops: readonly number[]) {
  const statusRows = await db
    .selectFrom('dashboard_status_counts')
    .select(['status', (eb) => eb.fn.sum<number | string>('n').as('n')])
    .where('campaign_id', '=', campaignId)
    .where('town_id', '=', townId)
    .groupBy('status')
    .execute();
  const itemRows = await db
    .selectFrom('dashboard_item_counts')
    .select(['item_code', 'state', (eb) => eb.fn.sum<number | string>('n').as('n')])
    .where('campaign_id', '=', campaignId)
    .where('town_id', '=', townId)
    .where('is_excluded', '=', 0)
    .groupBy(['item_code', 'state'])
    .execute();
  const workshops = await db
    .selectFrom('enterprises')
    .leftJoin('org_units as v', 'v.id', 'enterprises.village_id')
    .select(['enterprises.id', 'enterprises.name', 'enterprises.status', 'enterprises.address', 'v.name as village_name'])
    .where('enterprises.campaign_id', '=', campaignId)
    .where('enterprises.town_id', '=', townId)
    .where('enterprises.status', '!=', 'excluded')
    .orderBy('enterprises.id')
    .limit(PACKAGE_WORKSHOPS_MAX)
    .execute();
  const operations = await db
    .selectFrom('joint_operations as o')
    .select(['o.id', 'o.status', 'o.operation_on', (eb) => eb.selectFrom('joint_operation_workshops as w').select((e) => e.fn.countAll().as('n')).whereRef('w.operation_id', '=', 'o.id').as('workshops')])
    .where('o.campaign_id', '=', campaignId)
    .where('o.town_id', '=', townId)
    .orderBy('o.id')
    .execute();
  const cases = await db
    .selectFrom('enforcement_cases as c')
    .innerJoin('enterprises as e', 'e.id', 'c.enterprise_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('c.campaign_id', '=', campaignId)
    .where('e.town_id', '=', townId)
    .executeTakeFirst();
  const images: { id: number; enterprise_id: number | null; item_code: string | null; original_name: string; kind: string; sha256: string; captured_at: string | null }[] = [];
  for (let i = 0; i < imageWorkshops.length && images.length < PACKAGE_IMAGES_MAX; i += 500) {
    const rows = await db
      .selectFrom('attachments')
      .select(['id', 'enterprise_id', 'item_code', 'original_name', 'kind', 'sha256', 'captured_at'])
      .where('enterprise_id', 'in', imageWorkshops.slice(i, i + 500))
      .where('record_type', 'in', ['enterprise', 'item'])
      .where('replaced_by', 'is', null)
      .orderBy('id')
      .limit(PACKAGE_IMAGES_MAX - images.length)
      .execute();
    images.push(...rows);
  }
  const imagesTotal = imageWorkshops.length === 0 ? 0 : images.length < PACKAGE_IMAGES_MAX ? images.length : await countImages(db, imageWorkshops);
  return {
    statusCounts: statusRows.map((r) => ({ status: r.status, n: toNumber(r.n) })).filter((r) => r.n !== 0),
    itemCounts: itemRows.map((r) => ({ item: r.item_code, state: r.state, n: toNumber(r.n) })),
    workshops,
    workshopsTotal: statusRows.filter((r) => r.status !== 'excluded').reduce((s, r) => s + toNumber(r.n), 0),
    operations: operations.map((o) => ({ id: o.id, status: o.status, operationOn: o.operation_on, workshops: toNumber(o.workshops as number | string) })),
    cases: toNumber((cases?.n ?? 0) as number | string),
    images,
    imagesTotal,
  };
}

async function countImages(db: Db, workshops: readonly number[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < workshops.length; i += 500) {
    const r = await db
      .selectFrom('attachments')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('enterprise_id', 'in', workshops.slice(i, i + 500))
      .where('record_type', 'in', ['enterprise', 'item'])
      .where('replaced_by', 'is', null)
      .executeTakeFirst();
    n += toNumber((r?.n ?? 0) as number | string);
  }
  return n;
}
