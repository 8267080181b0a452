// 改头换面: the shut sites a record may be, found by index only — the grid cells around its place,
// its phone, its power account, its operator's name and its name key — and the decisions people made
// on such pairs (site_links).
import { sql, type Kysely, type SqlBool } from 'kysely';
import { powerAccountKey } from '../../domain/powerAccount.js';
import {
  accountKey,
  gridCellsAround,
  LIKELY_SAME_SITE,
  likeness,
  SAME_SITE_MAX_MATCHES,
  SAME_SITE_RADIUS_M,
  SAME_SITE_STATUSES,
  siteFeatures,
  type SameSiteDecision,
  type SameSiteReason,
  type SiteRecord,
} from '../../domain/sameSite.js';
import { normalizePhone } from '../../domain/phone.js';
import { checkedNotIndexed, dialectOf } from '../db/dialect.js';
import type { Database } from '../db/schema.js';
import type { Actor } from '../auth/actor.js';
import { withPlaceNames } from './enterprises.js';
import { accountExpr } from './powerCheck.js';
import { campaignScope } from './scope.js';

/** Rows one index range may hand on (a dense village's cells hold a few hundred sites). */
const GRID_LIMIT = 500;
/** Rows one key may hand on: a phone or an account shared by more says nothing more. */
const KEY_LIMIT = 50;

const SITE_COLUMNS = [
  'enterprises.id',
  'enterprises.name',
  'enterprises.phone',
  'enterprises.contact_person',
  'enterprises.power_account',
  'enterprises.lat',
  'enterprises.lng',
  'enterprises.status',
  'enterprises.address',
  'enterprises.org_path',
  'enterprises.town_id',
  't.name as town_name',
  'v.name as village_name',
] as const;

export interface SiteCandidate {
  id: number;
  name: string;
  phone: string;
  contact_person: string;
  power_account: string;
  lat: number | null;
  lng: number | null;
  status: string;
  address: string;
  org_path: string;
  town_id: number;
  town_name: string | null;
  village_name: string | null;
}

export interface ScoredSite {
  site: SiteCandidate;
  score: number;
  reasons: SameSiteReason[];
}

const distinct = (values: (string | null | undefined)[]) => [...new Set(values.map((v) => (v ?? '').trim()).filter((v) => v !== ''))];

/**
 * The shut, accepted and recurred sites within the actor's scope that share something with `record`
 * (a place within SAME_SITE_RADIUS_M, the phone, the power account, the operator, the name key), each
 * read through its own index with the campaign; every other condition is only checked, so that
 * SQLite never walks the status index of a million workshops.
 */
export async function sameSiteCandidates(
  db: Kysely<Database>,
  actor: Actor,
  campaign: { id: number; rootPath: string },
  record: SiteRecord,
  excludeId?: number,
): Promise<SiteCandidate[]> {
  const dialect = dialectOf(db);
  const features = siteFeatures(record);
  const scope = campaignScope(actor, checkedNotIndexed(dialect, 'enterprises.org_path'), campaign.rootPath);
  const status = checkedNotIndexed(dialect, 'enterprises.status');
  // `campaignIndexed: false` for a key whose index does not begin with the campaign (the phone's).
  const sites = (campaignIndexed = true) =>
    db
      .selectFrom('enterprises')
      .$call(withPlaceNames)
      .select(SITE_COLUMNS)
      .where(sql<SqlBool>`${campaignIndexed ? sql.ref('enterprises.campaign_id') : checkedNotIndexed(dialect, 'enterprises.campaign_id')} = ${campaign.id}`)
      .where(sql<SqlBool>`${status} in (${sql.join(SAME_SITE_STATUSES.map((s) => sql.lit(s)))})`)
      .$if(scope !== null, (q) => q.where(scope!))
      .$if(excludeId !== undefined, (q) => q.where(sql<SqlBool>`${checkedNotIndexed(dialect, 'enterprises.id')} <> ${excludeId}`));

  const queries = [];
  if (features.point) {
    const cells = gridCellsAround(features.point, SAME_SITE_RADIUS_M);
    queries.push(
      sites()
        .where('enterprises.geo_row', 'in', cells.rows)
        .where('enterprises.geo_col', '>=', cells.colFrom)
        .where('enterprises.geo_col', '<=', cells.colTo)
        .limit(GRID_LIMIT),
    );
  }
  const phones = distinct([record.phone, normalizePhone(record.phone ?? '')]);
  if (features.phone && phones.length > 0) queries.push(sites(false).where('enterprises.phone', 'in', phones).limit(KEY_LIMIT));
  // The account as migration 034's index holds it (spaces and dashes dropped from the stored, half-width
  // form): as typed, and its digits alone.
  const accounts = distinct([powerAccountKey(record.powerAccount ?? ''), accountKey(record.powerAccount)]);
  if (features.account && accounts.length > 0) queries.push(sites().where(accountExpr, 'in', accounts).limit(KEY_LIMIT));
  const operators = distinct([record.contactPerson, features.operator]);
  if (features.operator && operators.length > 0)
    queries.push(sites().where('enterprises.contact_person', 'in', operators).where('enterprises.contact_person', '<>', '').limit(KEY_LIMIT));
  if (features.nameKey) queries.push(sites().where('enterprises.name_key', '=', features.nameKey).limit(KEY_LIMIT));
  if (queries.length === 0) return [];
  const found = await Promise.all(queries.map((q) => q.execute()));
  return [...new Map(found.flat().map((r) => [r.id, r as SiteCandidate])).values()];
}

/** The candidates as likely as LIKELY_SAME_SITE or more, the likeliest first (at most SAME_SITE_MAX_MATCHES). */
export async function likelySameSites(
  db: Kysely<Database>,
  actor: Actor,
  campaign: { id: number; rootPath: string },
  record: SiteRecord,
  excludeId?: number,
): Promise<ScoredSite[]> {
  const probe = siteFeatures(record);
  const scored: ScoredSite[] = [];
  for (const site of await sameSiteCandidates(db, actor, campaign, record, excludeId)) {
    const { score, reasons } = likeness(probe, siteFeatures(siteRecordOf(site)));
    if (score >= LIKELY_SAME_SITE) scored.push({ site, score, reasons });
  }
  return scored.sort((a, b) => b.score - a.score || a.site.id - b.site.id).slice(0, SAME_SITE_MAX_MATCHES);
}

/** The workshops of `ids` as candidates (a decided pair's other side), within the actor's scope. */
export async function sitesByIds(db: Kysely<Database>, actor: Actor, campaign: { id: number; rootPath: string }, ids: readonly number[]): Promise<SiteCandidate[]> {
  if (ids.length === 0) return [];
  const scope = campaignScope(actor, 'enterprises.org_path', campaign.rootPath);
  const rows = await db
    .selectFrom('enterprises')
    .$call(withPlaceNames)
    .select(SITE_COLUMNS)
    .where('enterprises.id', 'in', [...ids])
    .where('enterprises.campaign_id', '=', campaign.id)
    .$if(scope !== null, (q) => q.where(scope!))
    .execute();
  return rows as SiteCandidate[];
}

export interface SiteLinkRow {
  other_id: number;
  decision: SameSiteDecision;
  score: number;
  reasons: string;
  note: string;
  decided_at: string;
  decided_by_name: string | null;
}

/** The decisions on pairs one of whose sides is `enterpriseId`, the other side's id first. */
export async function siteLinksOf(db: Kysely<Database>, enterpriseId: number): Promise<SiteLinkRow[]> {
  const rows = await db
    .selectFrom('site_links as l')
    .leftJoin('users as u', 'u.id', 'l.decided_by')
    .select(['l.low_id', 'l.high_id', 'l.decision', 'l.score', 'l.reasons', 'l.note', 'l.decided_at', 'u.display_name as decided_by_name'])
    .where((eb) => eb.or([eb('l.low_id', '=', enterpriseId), eb('l.high_id', '=', enterpriseId)]))
    .orderBy('l.decided_at', 'desc')
    .execute();
  return rows.map((r) => ({
    other_id: r.low_id === enterpriseId ? r.high_id : r.low_id,
    decision: r.decision as SameSiteDecision,
    score: r.score,
    reasons: r.reasons,
    note: r.note,
    decided_at: r.decided_at,
    decided_by_name: r.decided_by_name,
  }));
}

/** The decision on a pair, made or changed (the pair kept once, the smaller id first). */
export async function saveSiteLink(
  db: Kysely<Database>,
  link: { campaignId: number; a: number; b: number; decision: SameSiteDecision; score: number; reasons: SameSiteReason[]; note: string; by: number; at: string },
): Promise<{ before: SameSiteDecision | null }> {
  const [low, high] = link.a < link.b ? [link.a, link.b] : [link.b, link.a];
  const existing = await db.selectFrom('site_links').select(['decision']).where('low_id', '=', low).where('high_id', '=', high).executeTakeFirst();
  const values = { decision: link.decision, score: link.score, reasons: JSON.stringify(link.reasons), note: link.note, decided_by: link.by, decided_at: link.at };
  await db
    .insertInto('site_links')
    .values({ campaign_id: link.campaignId, low_id: low, high_id: high, ...values })
    .onConflict((oc) => oc.columns(['low_id', 'high_id']).doUpdateSet(values))
    .execute();
  return { before: (existing?.decision as SameSiteDecision | undefined) ?? null };
}

/** What the likeness compares of a workshop's row (or a candidate's). */
export function siteRecordOf(row: { name: string; phone: string; contact_person: string; power_account: string; lat: number | null; lng: number | null }): SiteRecord {
  return { name: row.name, phone: row.phone, contactPerson: row.contact_person, powerAccount: row.power_account, lat: row.lat, lng: row.lng };
}
