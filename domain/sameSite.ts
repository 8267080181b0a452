// 改头换面: whether a workshop on the register is a shut site come back — at the same place, under a
// new name, with the same phone, operator or power account. The likeness of two records is a score in
// [0, 1] from independent signs, combined so that each sign only ever adds to it (a "noisy or"):
// score = 1 − Π (1 − weight × strength). It is symmetric, never falls as two places come closer, and
// compares names, phones, operators and power accounts in their normal forms (full-width characters,
// spaces and suffixes such as 加工点/厂/作坊 make no difference).
import { prefixedForm, workshopNameKey } from './duplicates.js';
import { distanceMetres } from './geo.js';
import { recordIdParam } from './params.js';
import { normalizePhone, toHalfWidth } from './phone.js';
import type { Status } from './status.js';
import { z } from './zod.js';

/** The sites a new record may be a comeback of: shut down, accepted, or already come back once. */
export const SAME_SITE_STATUSES = ['shut_down', 'accepted', 'recurred'] as const satisfies readonly Status[];

/** Places farther apart than this are not the same site by place alone. */
export const SAME_SITE_RADIUS_M = 300;
/** Within this, the place is as good as the same (a phone's position is often 20–50 m off). */
export const SAME_SITE_NEAR_M = 50;
/** Matches scoring below this are not shown. */
export const LIKELY_SAME_SITE = 0.5;
/** At most this many matches are shown for one record. */
export const SAME_SITE_MAX_MATCHES = 10;

/**
 * How much each sign says alone. A power account or a phone is one household's; a place within 50 m
 * is nearly as good; the same name (after normalisation) is often generic (塑料颗粒); an operator's
 * name is shared by many people (张伟) and says something only beside another sign.
 */
export const SAME_SITE_WEIGHTS = { account: 0.9, phone: 0.8, distance: 0.75, name: 0.6, operator: 0.45 } as const;

/** The grid over latitude and longitude that finds the places near a point by index (degrees per cell). */
export const GRID_DEGREES = 0.005;

/** What is compared of a record (a workshop, a tip, a power account), each in its normal form. */
export interface SiteFeatures {
  nameKey: string;
  phone: string;
  operator: string;
  account: string;
  point: { lat: number; lng: number } | null;
}

export interface SiteRecord {
  name?: string;
  phone?: string | null;
  contactPerson?: string | null;
  powerAccount?: string | null;
  lat?: number | null;
  lng?: number | null;
}

const NO_OPERATOR = new Set(['无', '没有', '不详', '未知', '暂无', '空', '同上']);

/** An operator's name for comparison: half-width, no spaces or dots; '' when it names nobody. */
export function operatorKey(name: string | null | undefined): string {
  const key = toHalfWidth(name ?? '')
    .toLowerCase()
    .replace(/[\s·.,，。、()（）-]/g, '');
  return Array.from(key).length >= 2 && !NO_OPERATOR.has(key) ? key : '';
}

/** A power account number for comparison: its digits (full-width ones too); '' when fewer than 6. */
export function accountKey(account: string | null | undefined): string {
  const digits = toHalfWidth(account ?? '').replace(/\D/g, '');
  return digits.length >= 6 ? digits : '';
}

/** A phone for comparison: its canonical form, else its digits when there are at least 7; '' otherwise. */
export function phoneKey(phone: string | null | undefined): string {
  const raw = phone ?? '';
  const canonical = normalizePhone(raw);
  if (canonical) return canonical.replace(/-/g, '');
  const digits = toHalfWidth(raw).replace(/\D/g, '');
  return digits.length >= 7 ? digits : '';
}

export function siteFeatures(r: SiteRecord): SiteFeatures {
  const hasPoint = typeof r.lat === 'number' && typeof r.lng === 'number' && Number.isFinite(r.lat) && Number.isFinite(r.lng);
  return {
    nameKey: r.name ? workshopNameKey(r.name) : '',
    phone: phoneKey(r.phone),
    operator: operatorKey(r.contactPerson),
    account: accountKey(r.powerAccount),
    point: hasPoint ? { lat: r.lat!, lng: r.lng! } : null,
  };
}

/** 1 within SAME_SITE_NEAR_M, falling evenly to 0 at SAME_SITE_RADIUS_M; never rising with the distance. */
export function proximity(metres: number): number {
  if (!(metres >= 0)) return 0;
  if (metres <= SAME_SITE_NEAR_M) return 1;
  if (metres >= SAME_SITE_RADIUS_M) return 0;
  return (SAME_SITE_RADIUS_M - metres) / (SAME_SITE_RADIUS_M - SAME_SITE_NEAR_M);
}

function bigrams(key: string): Set<string> {
  const chars = Array.from(key);
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  return out;
}

/**
 * How alike two name keys are, in [0, 1]: 1 when equal; 0.8 when one is the other with a prefix (a
 * village's name in front); else the share of two-character pieces they have in common (Dice).
 */
export function nameSimilarity(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  if (prefixedForm(a, b)) return 0.8;
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return (2 * common) / (x.size + y.size);
}

/** Names less alike than this say nothing. */
export const SIMILAR_NAME_AT = 0.5;

export const sameSiteReasonDto = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('distance'), metres: z.number().int() }),
  z.object({ kind: z.literal('name') }),
  z.object({ kind: z.literal('similarName'), similarity: z.number() }),
  z.object({ kind: z.literal('phone') }),
  z.object({ kind: z.literal('operator') }),
  z.object({ kind: z.literal('account') }),
]);
export type SameSiteReason = z.infer<typeof sameSiteReasonDto>;

/** The distance between two points, the same whichever is given first (to the last bit). */
function symmetricDistance(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const aFirst = a.lat < b.lat || (a.lat === b.lat && a.lng <= b.lng);
  return aFirst ? distanceMetres(a, b) : distanceMetres(b, a);
}

/** The likeness of two records and the signs it rests on. */
export function likeness(a: SiteFeatures, b: SiteFeatures): { score: number; reasons: SameSiteReason[] } {
  const reasons: SameSiteReason[] = [];
  let miss = 1;
  const add = (weight: number, strength: number) => {
    miss *= 1 - weight * strength;
  };
  if (a.account && a.account === b.account) {
    add(SAME_SITE_WEIGHTS.account, 1);
    reasons.push({ kind: 'account' });
  }
  if (a.phone && a.phone === b.phone) {
    add(SAME_SITE_WEIGHTS.phone, 1);
    reasons.push({ kind: 'phone' });
  }
  if (a.point && b.point) {
    const metres = symmetricDistance(a.point, b.point);
    const near = proximity(metres);
    if (near > 0) {
      add(SAME_SITE_WEIGHTS.distance, near);
      reasons.push({ kind: 'distance', metres: Math.round(metres) });
    }
  }
  const similarity = nameSimilarity(a.nameKey, b.nameKey);
  if (similarity === 1) {
    add(SAME_SITE_WEIGHTS.name, 1);
    reasons.push({ kind: 'name' });
  } else if (similarity >= SIMILAR_NAME_AT) {
    add(SAME_SITE_WEIGHTS.name, similarity * 0.75);
    reasons.push({ kind: 'similarName', similarity: Math.round(similarity * 100) / 100 });
  }
  if (a.operator && a.operator === b.operator) {
    add(SAME_SITE_WEIGHTS.operator, 1);
    reasons.push({ kind: 'operator' });
  }
  return { score: Math.round((1 - miss) * 1000) / 1000, reasons };
}

/** The grid cell of a point: row from the latitude, column from the longitude. */
export function gridCell(point: { lat: number; lng: number }): { row: number; col: number } {
  return { row: Math.floor(point.lat / GRID_DEGREES), col: Math.floor(point.lng / GRID_DEGREES) };
}

/**
 * The grid cells that hold every point within `radiusM` of `point`: the rows (few) and, for each, the
 * same range of columns — what an index on (row, col) reads.
 */
export function gridCellsAround(point: { lat: number; lng: number }, radiusM: number): { rows: number[]; colFrom: number; colTo: number } {
  const dLat = radiusM / 111_320;
  // The widest the circle gets in longitude: at its latitude nearest a pole.
  const farLat = Math.min(89.9, Math.abs(point.lat) + dLat);
  const dLng = radiusM / (111_320 * Math.cos((farLat * Math.PI) / 180));
  const rowFrom = Math.floor((point.lat - dLat) / GRID_DEGREES);
  const rowTo = Math.floor((point.lat + dLat) / GRID_DEGREES);
  const rows: number[] = [];
  for (let r = rowFrom; r <= rowTo; r++) rows.push(r);
  return { rows, colFrom: Math.floor((point.lng - dLng) / GRID_DEGREES), colTo: Math.floor((point.lng + dLng) / GRID_DEGREES) };
}

// ---- The API ------------------------------------------------------------------------------------

export const SAME_SITE_DECISIONS = ['confirmed', 'dismissed'] as const;
export type SameSiteDecision = (typeof SAME_SITE_DECISIONS)[number];

export const sameSiteParams = z.strictObject({ id: recordIdParam, siteId: recordIdParam });

export const sameSiteDecisionSchema = z
  .object({
    decision: z.enum(SAME_SITE_DECISIONS, { error: '请选择“是同一场所”或“不是”' }),
    note: z.string({ error: '说明应为文字' }).trim().max(500, { error: '说明不能超过 500 字' }).default(''),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision === 'dismissed' && v.note === '') ctx.addIssue({ code: 'custom', path: ['note'], message: '排除疑似同一场所时请写明理由' });
  })
  .meta({ description: '确认或排除一处疑似同一场所（改头换面）' });
export type SameSiteDecisionInput = z.infer<typeof sameSiteDecisionSchema>;

export const sameSiteMatchDto = z
  .object({
    site: z.object({
      id: z.number().int(),
      name: z.string(),
      townName: z.string(),
      villageName: z.string().nullable(),
      address: z.string(),
      contactPerson: z.string(),
      status: z.string(),
    }),
    score: z.number().meta({ description: '相似度 0–1（≥ 0.5 列出）' }),
    reasons: z.array(sameSiteReasonDto).meta({
      description: '依据：distance 相距（米）、name 名称相同（忽略后缀）、similarName 名称相近、phone 电话相同、operator 经营者相同、account 电表户号相同',
    }),
    decision: z.enum(SAME_SITE_DECISIONS).nullable().meta({ description: 'confirmed 已确认是同一场所；dismissed 已排除；null 待确认' }),
    note: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
  })
  .meta({ id: 'SameSiteMatch', description: '疑似同一场所（已取缔、已验收或反弹的场所）' });
export type SameSiteMatchDto = z.infer<typeof sameSiteMatchDto>;

export const sameSiteResultDto = z
  .object({
    items: z.array(sameSiteMatchDto).meta({ description: '待确认的疑似场所（相似度从高到低，最多 10 处）与已确认或排除的场所' }),
    canDecide: z.boolean(),
  })
  .meta({ id: 'SameSiteResult', description: '与该企业疑似同一场所的已取缔场所' });
export type SameSiteResultDto = z.infer<typeof sameSiteResultDto>;
