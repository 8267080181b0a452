// Synthetic workshops for demos and benchmarks: deterministic, Chinese, spread over every town
// and every status, with items consistent with each status.
import { STATUSES, type Status } from '../../domain/status.js';
import type { Db, NewEnterprise, OrgUnitRow } from '../db/schema.js';
import { insertWorkshopsWithItems } from '../repositories/enterprises.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { findChildByName, insertOrgUnit } from '../repositories/orgUnits.js';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];

const VILLAGE_STEMS = ['李庄', '王庄', '后峪', '东洼', '南石', '北岭', '张楼', '刘村', '前营', '孙庄', '马山', '杨峪', '河湾', '石门', '黄岭', '洪村'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '孙', '马', '朱', '胡', '郭', '何'];
const GIVEN = ['建国', '桂兰', '志强', '秀英', '国华', '海燕', '明', '军', '伟', '磊', '丽', '平', '德山', '春生', '玉梅', '庆林'];
const BRAND = ['宏达', '鑫源', '兴旺', '利民', '顺发', '永盛', '恒通', '金丰', '富源', '广鑫', '华盛', '新亿'];
const PRODUCTS: Record<string, string[]> = {
  pellet: ['塑料颗粒加工厂', '废塑料造粒点', '再生颗粒作坊'],
  washing: ['洗选厂', '石料洗选点', '洗沙作坊'],
  other: ['纸浆加工点', '小冶炼作坊', '废旧轮胎炼油点', '小石灰窑'],
};

/** The district's villages: each town gets `perTown` villages (the fixtures' village names come first). */
export async function ensureVillages(db: Db, towns: OrgUnitRow[], perTown: number): Promise<Map<number, OrgUnitRow[]>> {
  const out = new Map<number, OrgUnitRow[]>();
  for (const town of towns) {
    const own = town.name.replace(/(镇|街道|乡)$/, '');
    const names = [...VILLAGE_STEMS.slice(0, perTown - 1).map((s) => `${s}村`), `${own}村`].slice(0, perTown);
    const list: OrgUnitRow[] = [];
    for (const name of names) list.push((await findChildByName(db, town.id, name)) ?? (await insertOrgUnit(db, town, 'village', name)));
    out.set(town.id, list);
  }
  return out;
}

export interface SyntheticOptions {
  count: number;
  seed: number;
  createdBy: number | null;
  /** Spread statuses evenly over equal towns, or with a realistic skew (bench). Ignored with `timeline`. */
  statuses?: readonly Status[];
  /**
   * The demo's campaign in progress: towns of different sizes and progress (seeded per town), the
   * statuses the current phase allows, registration and completion dates inside the phase windows.
   */
  timeline?: DemoTimeline;
}

/** Days are YYYY-MM-DD in China time; every day given is before today. */
export interface DemoTimeline {
  /** Workshops are registered on a day in [from, to], between 08:00 and 10:00. */
  registered: { from: string; to: string };
  /** Items are done on a day in [from, to] and not before the workshop's registration day. */
  done: { from: string; to: string };
  /** The statuses a workshop can have now, from least to most advanced (excluded is added apart). */
  ladder: readonly Status[];
}

const DAY = 86_400_000;
const dayNumber = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / DAY);
const dayString = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');

/** A day in [from, to] (to < from: from). */
function dayIn(r: () => number, from: string, to: string): string {
  const a = dayNumber(from);
  const b = Math.max(a, dayNumber(to));
  return dayString(a + Math.floor(r() * (b - a + 1)));
}

/**
 * How many workshops each town gets and how far it has come: a weight and a progress per town,
 * each from its own stream (seed and the town's position), so a town's figures do not depend on
 * how many towns there are and differ from town to town.
 */
export function townProfiles(towns: OrgUnitRow[], count: number, seed: number): { town: OrgUnitRow; count: number; progress: number }[] {
  const raw = towns.map((town, t) => {
    const r = rng(seed * 1009 + t * 7919 + 17);
    return { town, weight: 0.4 + r() * 1.6, progress: 0.1 + r() * 0.8 };
  });
  const total = raw.reduce((s, x) => s + x.weight, 0);
  const exact = raw.map((x) => (count * x.weight) / total);
  const counts = exact.map(Math.floor);
  let left = count - counts.reduce((s, n) => s + n, 0);
  const byRemainder = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of byRemainder) if (left-- > 0) counts[i]++;
  return raw.map((x, i) => ({ town: x.town, count: counts[i], progress: x.progress }));
}

function itemsFor(status: Status, codes: string[], r: () => number): string[] {
  switch (status) {
    case 'surveyed':
    case 'recurred':
    case 'excluded':
      return codes.map(() => 'pending');
    case 'in_progress': {
      const done = 1 + Math.floor(r() * (codes.length - 1));
      return codes.map((_, i) => (i < done ? 'done' : 'pending'));
    }
    default:
      // Now and then an item (never the first) was justified as not applicable.
      return codes.map((_, i) => (i > 0 && r() < 0.06 ? 'not_applicable' : 'done'));
  }
}

export async function insertSyntheticEnterprises(
  db: Db,
  campaign: CampaignRecord,
  villagesByTown: Map<number, OrgUnitRow[]>,
  towns: OrgUnitRow[],
  opts: SyntheticOptions,
  onProgress?: (done: number) => void,
): Promise<number> {
  const r = rng(opts.seed);
  // A second stream for the responsible persons, so the rest of the data stays as it was per seed.
  const heads = rng(opts.seed + 7919);
  const codes = campaign.definition.standardItems.map((i) => i.code);
  const kinds = campaign.definition.workshopKinds.map((k) => k.code);
  const statuses = opts.statuses ?? STATUSES;
  const now = new Date().toISOString();
  const timeline = opts.timeline;
  // With a timeline, town i-th workshop's town and status come from the town's profile.
  const plan: { town: OrgUnitRow; status: Status }[] = [];
  if (timeline) {
    const ladder = timeline.ladder;
    for (const p of townProfiles(towns, opts.count, opts.seed)) {
      const tr = rng(opts.seed * 31 + p.town.id * 101 + 5);
      for (let k = 0; k < p.count; k++) {
        if (tr() < 0.05) {
          plan.push({ town: p.town, status: 'excluded' });
          continue;
        }
        const x = Math.min(0.999, Math.max(0, p.progress + (tr() - 0.5) * 0.9));
        plan.push({ town: p.town, status: ladder[Math.floor(x * ladder.length)] });
      }
    }
  }
  const BATCH = 400;
  let inserted = 0;
  for (let start = 0; start < opts.count; start += BATCH) {
    const n = Math.min(BATCH, opts.count - start);
    const rows: NewEnterprise[] = [];
    const itemStates: string[][] = [];
    const doneDays: string[] = [];
    for (let k = 0; k < n; k++) {
      const i = start + k;
      const town = timeline ? plan[i].town : towns[i % towns.length];
      const village = pick(r, villagesByTown.get(town.id) ?? []);
      const kind = pick(r, kinds);
      const status = timeline ? plan[i].status : statuses[Math.floor(i / towns.length) % statuses.length];
      const person = pick(r, SURNAMES) + pick(r, GIVEN);
      const states = itemsFor(status, codes, r);
      itemStates.push(states);
      let created = now;
      let doneOn = '2016-05-12';
      if (timeline) {
        const dr = rng(opts.seed * 7 + i * 13 + 3);
        const registeredOn = dayIn(dr, timeline.registered.from, timeline.registered.to);
        // 08:00–09:59 China time (UTC+8), so photos taken from 10:00 that day come after it.
        created = `${registeredOn}T${pad(Math.floor(dr() * 2))}:${pad(Math.floor(dr() * 60))}:${pad(Math.floor(dr() * 60))}.000Z`;
        const from = dayNumber(timeline.done.from) < dayNumber(registeredOn) ? registeredOn : timeline.done.from;
        doneOn = dayIn(dr, from, timeline.done.to);
      }
      doneDays.push(doneOn);
      rows.push({
        campaign_id: campaign.id,
        name: `${village ? village.name.replace(/村$/, '') : ''}${pick(r, BRAND)}${pick(r, PRODUCTS[kind] ?? PRODUCTS.other)}`,
        kind,
        town_id: town.id,
        village_id: village?.id ?? null,
        org_path: village?.path ?? town.path,
        address: `${town.name}${village?.name ?? ''}${pick(r, ['村东', '村西', '村南', '村北'])}${Math.floor(r() * 9 + 1) * 100}米`,
        lng: 117.35 + r() * 0.3,
        lat: 34.98 + r() * 0.25,
        contact_person: person,
        phone: `1${pick(r, ['3', '5', '8', '9'])}${String(Math.floor(r() * 1e9)).padStart(9, '0')}`,
        power_source: `${village?.name ?? town.name}${Math.floor(r() * 5) + 1}号变压器`,
        power_account: String(Math.floor(r() * 1e10)).padStart(10, '0'),
        water_source: pick(r, ['自备井', '自来水', '河塘取水', '无']),
        land_type: pick(r, ['集体建设用地', '耕地', '宅基地', '林地']),
        land_owner: `${village?.name ?? town.name}村委会`,
        land_lease: pick(r, ['租赁，年租金 8000 元', '自有', '口头协议租用', '']),
        licence_business: pick(r, ['absent', 'absent', 'held', 'unknown']),
        licence_eia: pick(r, ['absent', 'absent', 'unknown']),
        licence_land: pick(r, ['absent', 'unknown']),
        production_status: pick(r, ['producing', 'intermittent', 'stopped']),
        raw_materials: pick(r, ['废旧塑料', '废旧编织袋', '河沙', '纸浆', '废旧轮胎']),
        notes: '',
        discovery_source: pick(r, ['survey', 'survey', 'survey', 'tip', 'patrol', 'department']),
        village_head: pick(heads, SURNAMES) + pick(heads, GIVEN),
        town_head: pick(heads, SURNAMES) + pick(heads, GIVEN),
        department_head: pick(heads, SURNAMES) + pick(heads, GIVEN),
        status,
        status_reason: status === 'excluded' ? '经核实为合法备案企业' : status === 'rejected' ? '原料未清理干净' : '',
        items_done: states.filter((s) => s !== 'pending').length,
        version: 1,
        created_by: opts.createdBy,
        created_at: created,
        updated_at: now,
      });
    }
    await insertWorkshopsWithItems(db, rows, (id, k) =>
      codes.map((code, c) => {
        const state = itemStates[k][c];
        return {
          enterprise_id: id,
          item_code: code,
          state,
          unit: state === 'done' ? '镇街取缔工作组' : '',
          person: state === 'done' ? pick(r, SURNAMES) + pick(r, GIVEN) : '',
          done_on: state === 'done' ? doneDays[k] : null,
          note: '',
          reason: state === 'not_applicable' ? '该点无供水设施' : '',
          updated_by: opts.createdBy,
          updated_at: state === 'pending' ? null : now,
        };
      }),
    );
    inserted += n;
    onProgress?.(inserted);
  }
  return inserted;
}
