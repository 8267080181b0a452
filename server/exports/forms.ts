// The notice's three forms (附件1/2/3) as workbooks, written to any stream: the HTTP reply or a
// file from the CLI. Rows come from the repository in chunks, already cut to the actor's scope.
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { CampaignDefinition } from '../../domain/campaign.js';
import type { AppContext } from '../context.js';
import type { Actor } from '../auth/actor.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { exportEnterpriseChunks, type ListFilter } from '../repositories/enterprises.js';
import { findOrgUnit } from '../repositories/orgUnits.js';
import { prefixesOf } from '../auth/actor.js';
import { todayInChina } from '../../domain/time.js';
import { addFormSheet, createWorkbook, type FormColumn, type Signer } from './sheet.js';
import { shutdownSummary } from './shutdownSummary.js';

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
export async function describeScope(ctx: AppContext, actor: Actor, campaign: CampaignRecord, units: { townId?: number; villageId?: number }): Promise<ExportScope> {
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

export function exportFileName(form: ExportForm, scope: ExportScope, date = todayInChina()): string {
  const parts = form === 'leading-group' ? [scope.district] : [scope.district, scope.town, scope.village];
  return `${[...parts.filter(Boolean), SHORT_NAMES[form], date].join('-')}.xlsx`;
}

/** RFC 6266/5987: an ASCII fallback plus the UTF-8 name. */
export function contentDisposition(fileName: string, form: ExportForm): string {
  const ascii = `qudi-${form}-${fileName.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? 'export'}.xlsx`;
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
  date?: string;
}

/** Writes the whole workbook to `out` and ends it. */
export async function writeExport(ctx: AppContext, req: ExportRequest, out: Writable): Promise<void> {
  const def = req.campaign.definition;
  const date = req.date ?? todayInChina();
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
  const filter = req.filter;
  async function* rows(): AsyncGenerator<FormRow[]> {
    if (!filter) return;
    let n = 0;
    for await (const chunk of exportEnterpriseChunks(ctx.db, req.actor, filter, { withItems: registration })) {
      yield chunk.map((r) =>
        registration
          ? [++n, r.name, shutdownSummary(def.standardItems, r.items, r.status, r.status_reason), r.village_head, r.town_head, r.department_head, r.notes]
          : [++n, r.name, locationOf(r), r.phone, r.notes],
      );
    }
  }
  await writeWorkshopForm(wb, def, { form: req.form, unit: { label: unitLabel(req.scope), date }, rows: rows() });
}

export type FormRow = (string | number)[];

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
  const sheet = addFormSheet(wb, {
    sheetName: registration ? '登记表' : '任务表',
    title: form.title,
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

/** 企业位置: the village and the address (the village only once when the address already names it). */
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
