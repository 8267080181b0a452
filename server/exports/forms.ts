// The notice's three forms (附件1/2/3) as workbooks, written to any stream: the HTTP reply or a
// file from the CLI. Rows come from the repository in chunks, already cut to the actor's scope.
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { CampaignDefinition } from '../../domain/campaign.js';
import type { exportQuerySchema } from '../../domain/enterprise.js';
import { statusLabels } from '../../domain/i18n/labels.zh-CN.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../auth/actor.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { listDepartments } from '../repositories/departments.js';
import { exportEnterpriseChunks, type ListFilter } from '../repositories/enterprises.js';
import { findOrgUnit } from '../repositories/orgUnits.js';
import { resolveUnitFilter } from '../repositories/unitFilter.js';
import { prefixesOf } from '../auth/actor.js';
import { todayInChina } from '../../domain/time.js';
import { addFormSheet, createWorkbook, type FormColumn, type Signer } from './sheet.js';
import { departmentHeads, shutdownSummary } from './shutdownSummary.js';

export const EXPORT_FORMS = ['task-table', 'registration-table', 'leading-group'] as const;
export type ExportForm = (typeof EXPORT_FORMS)[number];

/** Short names for file names (the full titles come from the campaign definition). */
const SHORT_NAMES: Record<ExportForm, string> = { 'task-table': '任务表', 'registration-table': '登记表', 'leading-group': '领导小组成员名单' };

export interface ExportScope {
  district: string;
  town: string | null;
  village: string | null;
}

/**
 * What the export covers, for its file name and 填报单位: the town (and village) filtered on, or
 * the town a town-scoped user is confined to, else the district.
 */
async function describeScope(ctx: AppContext, actor: Actor, campaign: CampaignRecord, units: { townId?: number; villageId?: number }): Promise<ExportScope> {
  const district = campaign.definition.orgUnits.name;
  let townId = units.townId;
  if (townId === undefined) {
    const prefixes = prefixesOf(actor);
    const townIds = new Set(
      prefixes.map((p) => (p.startsWith(campaign.rootPath) && p.length > campaign.rootPath.length ? Number(p.slice(campaign.rootPath.length).split('/')[0]) : null)),
    );
    const [only] = [...townIds];
    if (townIds.size === 1 && only !== null && only !== undefined) townId = only;
  }
  const town = townId !== undefined ? ((await findOrgUnit(ctx.db, townId))?.name ?? null) : null;
  const village = units.villageId !== undefined ? ((await findOrgUnit(ctx.db, units.villageId))?.name ?? null) : null;
  return { district, town, village };
}

/**
 * The list's filters that narrow a form below the unit it names (状态, 待完成事项, 关键词): an
 * export with any of them is not the unit's complete form, and says so in its title and file name.
 * A town or village filter is not among them: it names the unit (填报单位) instead.
 */
export interface ExportNarrowing {
  /** For the line under the title, e.g. 状态：取缔中. */
  line: string;
  /** For the file name, e.g. 取缔中. */
  short: string;
}

export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** Characters a file name cannot hold on Windows or macOS, and control characters. */
const UNSAFE_IN_FILE_NAMES = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;

function narrowingOf(def: CampaignDefinition, query: Pick<ExportQuery, 'status' | 'q' | 'pendingItem' | 'incomplete'>): ExportNarrowing[] {
  const out: ExportNarrowing[] = [];
  if (query.status) out.push({ line: `状态：${statusLabels[query.status]}`, short: statusLabels[query.status] });
  if (query.pendingItem) {
    const name = def.standardItems.find((i) => i.code === query.pendingItem)?.name ?? query.pendingItem;
    out.push({ line: `待完成事项：${name}`, short: `${name}未完成` });
  }
  if (query.incomplete) out.push({ line: '登记信息不全（缺企业位置或联系电话）', short: '信息不全' });
  const q = query.q?.trim();
  if (q) {
    const word = q.replace(UNSAFE_IN_FILE_NAMES, '_').replace(/\s+/g, ' ');
    out.push({ line: `关键词：${q}`, short: `含“${word.length > 20 ? `${word.slice(0, 20)}…` : word}”` });
  }
  return out;
}

/** The line under a filtered form's title. */
function narrowingLine(narrowing: readonly ExportNarrowing[]): string | undefined {
  return narrowing.length ? `仅列出符合筛选条件的企业——${narrowing.map((n) => n.line).join('；')}` : undefined;
}

export function exportFileName(form: ExportForm, scope: ExportScope, date = todayInChina(), narrowing: readonly ExportNarrowing[] = []): string {
  const parts = form === 'leading-group' ? [scope.district] : [scope.district, scope.town, scope.village];
  const name = narrowing.length ? `${SHORT_NAMES[form]}（筛选：${narrowing.map((n) => n.short).join('，')}）` : SHORT_NAMES[form];
  return `${[...parts.filter(Boolean), name, date].join('-')}.xlsx`;
}

/** RFC 6266/5987: an ASCII fallback (`qudi-<stem>-<the name's closing date>.xlsx`) plus the UTF-8 name. */
export function contentDisposition(fileName: string, asciiStem: string): string {
  const ascii = `qudi-${asciiStem}-${/(\d{4}-\d{2}-\d{2})\.xlsx$/.exec(fileName)?.[1] ?? 'export'}.xlsx`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

const unitLabel = (s: ExportScope) => [s.town ?? s.district, s.village].filter(Boolean).join('');

export interface ExportRequest {
  form: ExportForm;
  actor: Actor;
  campaign: CampaignRecord;
  /** null: the filter matches nothing the actor may see (an empty form is still written). */
  filter: ListFilter | null;
  scope: ExportScope;
  /** What the export was filtered on beyond its unit (none: the unit's complete form). */
  narrowing: ExportNarrowing[];
  date: string;
}

export interface PlannedExport extends ExportRequest {
  fileName: string;
  /** Content-Disposition's ASCII fallback, without the date. */
  asciiStem: string;
}

/**
 * An export as the route and `qudi export` both ask for it: the list's filters (a town or village
 * by id or name) turned into the rows' filter, the unit it covers, what narrows it, and its file
 * name. A town or village the actor cannot see leaves `filter` null (an empty form).
 */
export async function planExport(ctx: AppContext, actor: Actor, campaign: CampaignRecord, form: ExportForm, query: ExportQuery, date = todayInChina()): Promise<PlannedExport> {
  const units = await resolveUnitFilter(ctx.db, actor, query.town, query.village);
  const scope = await describeScope(ctx, actor, campaign, units === 'none' ? {} : units);
  const narrowing = form === 'leading-group' ? [] : narrowingOf(campaign.definition, query);
  const filter: ListFilter | null =
    units === 'none'
      ? null
      : { campaignId: campaign.id, rootPath: campaign.rootPath, townId: units.townId, villageId: units.villageId, status: query.status, q: query.q || undefined, pendingItem: query.pendingItem, incomplete: query.incomplete === '1' };
  return {
    form,
    actor,
    campaign,
    filter,
    scope,
    narrowing,
    date,
    fileName: exportFileName(form, scope, date, narrowing),
    asciiStem: narrowing.length ? `${form}-filtered` : form,
  };
}

/** Writes the whole workbook to `out` and ends it. */
export async function writeExport(ctx: AppContext, req: ExportRequest, out: Writable): Promise<void> {
  const def = req.campaign.definition;
  const date = req.date;
  const wb = createWorkbook(out);

  if (req.form === 'leading-group') {
    const [position, name, title] = ['职务', '姓名', '单位及职务'];
    const sheet = addFormSheet(wb, {
      sheetName: '领导小组成员名单',
      title: def.forms.leadingGroupList.title,
      columns: [
        { header: position, width: 12, align: 'center' },
        { header: name, width: 14, align: 'center' },
        { header: title, width: 56 },
      ],
    });
    for (const m of def.leadingGroup.members) sheet.addRow([m.position, m.name, m.title]);
    if (def.leadingGroup.officeNote) sheet.addNote(def.leadingGroup.officeNote);
    sheet.commit();
    await wb.commit();
    return;
  }

  const registration = req.form === 'registration-table';
  // 附件2 lists what the town's signed task table lists (the same rule, not a copy of it).
  const filter = req.filter && (registration ? req.filter : { ...req.filter, onTaskTable: true });
  // More than one town in the form (its unit is the district, or a department's towns): a 镇街
  // column after 序号 says on every row, and on every printed page, whose workshop it is.
  const townColumn = req.scope.town === null;
  async function* rows(): AsyncGenerator<FormRow[]> {
    if (!filter) return;
    let n = 0;
    const departments = new Map((registration ? await listDepartments(ctx.db) : []).map((d) => [d.id, d.name]));
    for await (const chunk of exportEnterpriseChunks(ctx.db, req.actor, filter, { withItems: registration })) {
      yield chunk.map((r) => {
        const items = registration ? r.items.map((i) => ({ ...i, department: i.department_id === null ? undefined : departments.get(i.department_id) })) : [];
        const row: FormRow = registration
          ? [++n, r.name, shutdownSummary(def.standardItems, items, r.status, r.status_reason), r.village_head, r.town_head, departmentHeads(r.department_head, items), r.notes]
          : [++n, r.name, locationOf(r), r.phone, r.notes];
        if (townColumn) row.splice(1, 0, r.town_name ?? '');
        return row;
      });
    }
  }
  await writeWorkshopForm(wb, def, { form: req.form, unit: { label: unitLabel(req.scope), date }, filterLine: narrowingLine(req.narrowing), townColumn, rows: rows() });
}

export type FormRow = (string | number)[];

/** The 镇街 column of a form that covers more than one town, after 序号. */
const TOWN_COLUMN: FormColumn = { header: '镇街', width: 11, align: 'center' };

const COLUMN_LAYOUT: Record<'task-table' | 'registration-table', Omit<FormColumn, 'header'>[]> = {
  'registration-table': [
    { width: 6, align: 'center' },
    { width: 24 },
    { width: 40 },
    { width: 11, align: 'center' },
    { width: 11, align: 'center' },
    { width: 13, align: 'center' },
    { width: 16 },
  ],
  'task-table': [{ width: 6, align: 'center' }, { width: 30 }, { width: 36 }, { width: 16, align: 'center' }, { width: 24 }],
};

export interface WorkshopFormContent {
  form: 'task-table' | 'registration-table';
  /** 填报单位 and 填报日期 (YYYY-MM-DD). */
  unit: { label: string; date: string };
  /** Under the title, for a filtered export: what it was filtered on. */
  filterLine?: string;
  /** With a 镇街 column after 序号 (the rows then carry the town's name second). */
  townColumn?: boolean;
  /** The data rows, in the form's column order, in chunks (a live query or a frozen version). */
  rows: AsyncIterable<FormRow[]> | Iterable<FormRow[]>;
  /** Filled in on the signature line when the form was signed in the system; blank otherwise. */
  signer?: Signer;
  /** Small print under the signature line (e.g. the content's SHA-256). */
  footnote?: string;
}

/**
 * Writes 附件2 (任务表) or 附件3 (登记表) as one sheet into `wb` and commits the workbook: the one
 * layout used by the live export and by a town's frozen report version alike.
 */
export async function writeWorkshopForm(wb: ExcelJS.stream.xlsx.WorkbookWriter, def: CampaignDefinition, content: WorkshopFormContent): Promise<void> {
  const registration = content.form === 'registration-table';
  const form = registration ? def.forms.registrationTable : def.forms.taskTable;
  const columns = COLUMN_LAYOUT[content.form].map((c, i) => ({ ...c, header: form.columns[i] ?? '' }));
  if (content.townColumn) columns.splice(1, 0, TOWN_COLUMN);
  const sheet = addFormSheet(wb, {
    sheetName: registration ? '登记表' : '任务表',
    title: form.title,
    subtitle: content.filterLine,
    columns,
    unit: content.unit,
  });
  // One chunk in flight: while the output compresses and sends chunk N (zlib works off the main
  // thread), chunk N+1 is in hand and N+2 is being read ahead; N+1 is added only once chunk N has
  // been taken, so at most three chunks are held, and reading and compressing overlap instead of
  // taking turns.
  let flushing: Promise<void> = Promise.resolve();
  for await (const chunk of content.rows) {
    await flushing;
    for (const values of chunk) sheet.addRow(values);
    flushing = sheet.flush();
    flushing.catch(() => undefined); // awaited above or below; a client gone meanwhile must not be an unhandled rejection
  }
  await flushing;
  sheet.addSignature(content.signer);
  if (content.footnote) sheet.addFootnote(content.footnote);
  sheet.commit();
  await wb.commit();
}

/**
 * 企业位置: the village and the address (the village only once when the address already names it).
 * The one rule for the live 附件2 and a town's frozen report content (reports/taskTableContent).
 */
export function locationOf(r: { village_name: string | null; address: string }): string {
  const village = r.village_name ?? '';
  const address = r.address.trim();
  if (!village) return address;
  return address.includes(village) ? address : `${village}${address}`;
}

/** The actor the CLI exports as: the office over the whole district (it reads, never writes). */
export function districtActor(campaign: CampaignRecord): Actor {
  return {
    id: 0,
    username: 'cli',
    displayName: '命令行导出',
    grants: [
      {
        role: 'office',
        orgUnitId: campaign.rootId,
        orgUnitName: campaign.definition.orgUnits.name,
        departmentId: null,
        departmentCode: null,
        departmentName: null,
        readPrefixes: [campaign.rootPath],
      },
    ],
  };
}
