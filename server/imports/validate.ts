// Checks every row of an imported task table against the register's shared schema, finds the
// village inside 企业位置, and catches duplicates within the file and against the register.
import { enterpriseImportRowSchema, type EnterpriseImportRow } from '../../domain/enterprise.js';
import { enterpriseFieldLabels } from '../../domain/i18n/labels.zh-CN.js';
import { CHOICE_FIELDS, choiceLabels, choiceValue, type ChoiceField } from '../../domain/importValues.js';
import { workshopNameKey } from '../../domain/duplicates.js';
import { normalizePhone, toHalfWidth } from '../../domain/phone.js';
import type { ImportField, ImportMatch, ImportRowError } from '../../domain/imports.js';
import type { DataRow } from './parse.js';

export interface CheckedRow {
  rowNo: number;
  seqNo: string | null;
  /** What the sheet says, per field, plus the recognised village and the normalised phone. */
  values: Partial<Record<ImportField, string>>;
  /** The register fields the row fills in, when it has no errors. */
  input: EnterpriseImportRow | null;
  errors: ImportRowError[];
  /** Workshops of the town already on the register that this row may be; decided by the user. */
  matches: ImportMatch[];
}

export interface ImportContext {
  town: { id: number; name: string };
  villages: { id: number; name: string }[];
  kinds: { code: string; name: string }[];
  /** Workshops of the town already on the register. */
  existing: { id: number; name: string; phone: string }[];
  /** The user's own mappings of sheet values to register values, per field, by choiceKey (the preview's “按此取值”). */
  valueMappings?: ValueMappings;
}

export type ValueMappings = Partial<Record<ChoiceField, Record<string, string>>>;

export function normalizeName(s: string): string {
  return toHalfWidth(s).replace(/[\s\u3000]/g, '').toLowerCase();
}

const VILLAGE_TOKEN = /^([\u4e00-\u9fff]{1,10}?(?:村|社区|居委会))/;

type Named = { id: number; name: string };

/** Villages with their normalised names, longest first, as findVillage wants them. */
export function villageIndex(villages: readonly Named[]): { village: Named; key: string }[] {
  return villages.map((v) => ({ village: v, key: normalizeName(v.name) })).sort((a, b) => b.key.length - a.key.length);
}

/** Where a village's name may begin: the start, after a separator, or after 省/市/区/县/镇/乡/街道. */
function nameStarts(rest: string): number[] {
  const out = [0];
  for (let i = 1; i < rest.length; i++) if (/[^\u4e00-\u9fff]|[省市区县镇乡道]/.test(rest[i - 1])) out.push(i);
  return out;
}

/**
 * The village of the town that the address names, or the unknown `…村` it names, or nothing. The
 * town's name is taken off first (a town 某村镇 may have a village 某村), and a village matches only
 * as a whole name: where a place name begins, not inside another (张李村 is not 李村).
 */
export function findVillage(address: string, townName: string, villages: readonly Named[] | { village: Named; key: string }[]): { village: Named | null; unknown: string | null } {
  const index = villages.length > 0 && 'key' in villages[0] ? (villages as { village: Named; key: string }[]) : villageIndex(villages as Named[]);
  const a = normalizeName(address);
  const town = normalizeName(townName);
  const at = town ? a.indexOf(town) : -1;
  const rest = at >= 0 ? a.slice(at + town.length) : a;
  for (const p of nameStarts(rest))
    for (const v of index) if (v.key && rest.startsWith(v.key, p) && !/^(?:镇|乡|街道)/.test(rest.slice(p + v.key.length))) return { village: v.village, unknown: null };
  const token = VILLAGE_TOKEN.exec(rest);
  return { village: null, unknown: token ? token[1] : null };
}

type KindKey = { code: string; name: string; key: string; stem: string };

function kindIndex(kinds: ImportContext['kinds']): KindKey[] {
  return kinds.map((k) => ({ ...k, key: normalizeName(k.name), stem: normalizeName(k.name).replace(/^小/, '') }));
}

function kindOf(value: string | undefined, name: string, kinds: readonly KindKey[]): { code: string } | { error: string } {
  if (value) {
    const v = normalizeName(value);
    const k = kinds.find((x) => x.key === v || x.code === value.trim());
    return k ? { code: k.code } : { error: `企业类型“${value}”不在本次行动的类型中（${kinds.map((x) => x.name).join('、')}）` };
  }
  // The task table has no type column: read it from the name (颗粒加工 → 小颗粒加工), else “other”.
  const n = normalizeName(name);
  const hit = kinds.find((k) => n.includes(k.stem));
  if (hit) return { code: hit.code };
  const other = kinds.find((k) => k.code === 'other') ?? kinds[kinds.length - 1];
  return { code: other.code };
}

/** The register's value for a choice field as the sheet writes it (停产, 在产, 有/无 …), or an error naming what it takes. */
function fromChoice(value: string | undefined, field: ChoiceField, errors: ImportRowError[], mappings: ValueMappings | undefined): string | undefined {
  if (!value) return undefined;
  const code = choiceValue(field, value, mappings?.[field]);
  if (code === undefined)
    errors.push({ field, message: `${enterpriseFieldLabels[field]}“${value}”无法识别，应为：${Object.values<string>(choiceLabels[field]).join('、')}` });
  return code;
}

const TEXT_FIELDS = ['contactPerson', 'powerSource', 'powerAccount', 'waterSource', 'landType', 'landOwner', 'landLease', 'rawMaterials', 'notes'] as const;

/** A row already checked, as the duplicate check within the file remembers it. */
interface SeenRow {
  /** Normalised phone and address (null when the row has none). */
  phone: string | null;
  address: string | null;
  rowNo: number;
  seqNo: string | null;
}

/** The rows of one name once it repeats: the first row per phone and per address. */
interface SeenName {
  phones: Map<string, SeenRow>;
  addresses: Map<string, SeenRow>;
}

function seenName(rows: SeenRow[]): SeenName {
  const group: SeenName = { phones: new Map(), addresses: new Map() };
  for (const r of rows) addSeen(group, r);
  return group;
}

function addSeen(group: SeenName, row: SeenRow): void {
  if (row.phone && !group.phones.has(row.phone)) group.phones.set(row.phone, row);
  if (row.address && !group.addresses.has(row.address)) group.addresses.set(row.address, row);
}

/**
 * The earlier row with the same name that this one repeats: the first with the same phone, else
 * the first with the same address.
 */
function firstTwin(earlier: SeenRow | SeenName, row: SeenRow): { row: SeenRow; by: 'phone' | 'address' } | undefined {
  if ('rowNo' in earlier) {
    if (row.phone && earlier.phone === row.phone) return { row: earlier, by: 'phone' };
    if (row.address && earlier.address === row.address) return { row: earlier, by: 'address' };
    return undefined;
  }
  const byPhone = row.phone ? earlier.phones.get(row.phone) : undefined;
  if (byPhone) return { row: byPhone, by: 'phone' };
  const byAddress = row.address ? earlier.addresses.get(row.address) : undefined;
  return byAddress ? { row: byAddress, by: 'address' } : undefined;
}

/**
 * Checks rows one at a time, as they stream from the parser. Between rows it keeps only compact
 * entries for duplicate detection (per normalised name: phone, address, row and 序号), never the rows.
 */
export class RowChecker {
  private readonly byPhone = new Map<string, { id: number; name: string }[]>();
  private readonly byKey = new Map<string, { id: number; name: string }[]>();
  /** Rows seen so far by normalised name: the row, or the name's rows by phone and address once it repeats. */
  private readonly seen = new Map<string, SeenRow | SeenName>();
  private readonly villageByName: Map<string, { id: number; name: string }>;
  private readonly villages: { village: Named; key: string }[];
  private readonly kinds: KindKey[];

  constructor(private readonly c: ImportContext) {
    const add = (map: Map<string, { id: number; name: string }[]>, key: string, e: { id: number; name: string }) => {
      const list = map.get(key);
      if (list) list.push(e);
      else map.set(key, [e]);
    };
    for (const e of c.existing) {
      if (e.phone) add(this.byPhone, e.phone, e);
      const key = workshopNameKey(e.name);
      if (key) add(this.byKey, key, e);
    }
    this.villages = villageIndex(c.villages);
    this.kinds = kindIndex(c.kinds);
    this.villageByName = new Map();
    for (const v of c.villages) if (!this.villageByName.has(normalizeName(v.name))) this.villageByName.set(normalizeName(v.name), v);
  }

  /** The register's workshops (of the context) a workshop with this name and phone may be. */
  matchesFor(name: string, phone: string): ImportMatch[] {
    return registerMatches(this.byKey.get(workshopNameKey(name)), phone ? this.byPhone.get(phone) : undefined);
  }

  /** Checks one row; the row's values are completed in place (the village found, the phone normalised). */
  check(row: DataRow): CheckedRow {
    const c = this.c;
    const v = row.values;
    const errors: ImportRowError[] = [];
    const name = v.name ?? '';
    const address = v.address ?? '';

    let villageId: number | null = null;
    if (v.village) {
      const hit = this.villageByName.get(normalizeName(v.village));
      if (hit) villageId = hit.id;
      else errors.push({ field: 'villageId', message: `村居“${v.village}”不在本镇街` });
    } else if (address) {
      const found = findVillage(address, c.town.name, this.villages);
      if (found.village) {
        villageId = found.village.id;
        v.village = found.village.name;
      } else if (found.unknown) errors.push({ field: 'villageId', message: `村居“${found.unknown}”不在本镇街` });
    }

    const kind = kindOf(v.kind, name, this.kinds);
    if ('error' in kind) errors.push({ field: 'kind', message: kind.error });

    const candidate: Record<string, unknown> = {
      name,
      kind: 'code' in kind ? kind.code : '',
      townId: c.town.id,
      villageId,
      address,
      phone: v.phone ?? '',
    };
    for (const f of TEXT_FIELDS) if (v[f] !== undefined) candidate[f] = v[f];
    for (const field of CHOICE_FIELDS) {
      const value = v[field];
      if (value === undefined) continue;
      const code = fromChoice(value, field, errors, c.valueMappings);
      if (code !== undefined) candidate[field] = code;
    }

    const parsed = enterpriseImportRowSchema.safeParse(candidate);
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        if (field === 'kind' && errors.some((e) => e.field === 'kind')) continue;
        errors.push({ field, message: issue.message });
      }
    const phone = v.phone ? normalizePhone(v.phone) : null;
    if (phone) v.phone = phone;

    // The name key is worked out only when the register has workshops to compare with.
    const byName = name && this.byKey.size > 0 ? this.byKey.get(workshopNameKey(name)) : undefined;
    const checked: CheckedRow = { rowNo: row.rowNo, seqNo: v.seqNo ?? null, values: v, input: null, errors, matches: registerMatches(byName, phone ? this.byPhone.get(phone) : undefined) };
    if (name) {
      const entry: SeenRow = { phone, address: address ? normalizeName(address) : null, rowNo: row.rowNo, seqNo: checked.seqNo };
      const n = normalizeName(name);
      const earlier = this.seen.get(n);
      const twin = earlier === undefined ? undefined : firstTwin(earlier, entry);
      if (twin) {
        const ref = `第 ${twin.row.rowNo} 行${twin.row.seqNo ? `（序号 ${twin.row.seqNo}）` : ''}`;
        errors.push({ field: 'name', message: `与${ref}重复：企业名称相同，且${twin.by === 'phone' ? '联系电话' : '企业位置'}相同` });
      } else if (earlier === undefined) this.seen.set(n, entry);
      else if ('rowNo' in earlier) this.seen.set(n, seenName([earlier, entry]));
      else addSeen(earlier, entry);
    }

    if (errors.length === 0 && parsed.success) checked.input = parsed.data;
    return checked;
  }
}

/** Shared by every row without look-alikes (never changed: frozen). */
const NO_MATCHES: ImportMatch[] = Object.freeze([]) as unknown as ImportMatch[];

/** The register's workshops a row may be, by name key and by phone, at most five, phone matches first. */
export function registerMatches(byName: readonly { id: number; name: string }[] | undefined, byPhone: readonly { id: number; name: string }[] | undefined): ImportMatch[] {
  if (!byName && !byPhone) return NO_MATCHES;
  const out = new Map<number, ImportMatch>();
  for (const e of byPhone ?? []) out.set(e.id, { id: e.id, name: e.name, reasons: ['phone'] });
  for (const e of byName ?? []) {
    const hit = out.get(e.id);
    if (hit) hit.reasons.push('name');
    else out.set(e.id, { id: e.id, name: e.name, reasons: ['name'] });
  }
  return [...out.values()].slice(0, 5);
}

export function checkRows(rows: DataRow[], c: ImportContext): CheckedRow[] {
  const checker = new RowChecker(c);
  return rows.map((r) => checker.check(r));
}
