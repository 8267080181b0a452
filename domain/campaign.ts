// The campaign definition: everything the notice fixes (phases, standard items, units, departments,
// liaison pairs, roster, forms) as data. `campaigns/default.yaml` is one instance of it.
import { isoDate } from './params.js';
import { addDays, daysBetween } from './time.js';
import { z } from './zod.js';
import { ORG_UNIT_KINDS } from './status.js';

const code = z.string().regex(/^[a-z][a-z0-9_-]*$/, { error: '代码只能包含小写字母、数字、下划线和连字符' });

export const phaseSchema = z.strictObject({
  code,
  name: z.string().min(1),
  start: isoDate,
  end: isoDate.optional(),
  reportDue: isoDate.optional(),
  /** The day by which every standard item must be done (the end of the shutdown window); pending items after it are overdue. */
  itemsDue: isoDate.optional(),
  description: z.string().optional(),
});
export type Phase = z.infer<typeof phaseSchema>;

export const standardItemSchema = z.strictObject({
  code,
  name: z.string().min(1),
  doneLabel: z.string().min(1),
  description: z.string().optional(),
  /** Codes of the departments that execute the item; empty means the town does it. */
  departments: z.array(code).default([]),
  /**
   * Evidence files (photos or videos, not replaced) the item needs before it may be marked done
   * (全程影像记录); 0 lets it be done without. Marking an item not applicable needs none.
   */
  evidenceMin: z.number({ error: '所需影像资料数量应为整数' }).int({ error: '所需影像资料数量应为整数' }).min(0, { error: '所需影像资料数量不能小于 0' }).max(100, { error: '所需影像资料数量不能超过 100' }).default(1),
});
export type StandardItem = z.infer<typeof standardItemSchema>;

export interface OrgUnitNode {
  kind: (typeof ORG_UNIT_KINDS)[number];
  name: string;
  children?: OrgUnitNode[];
}
export const orgUnitNodeSchema: z.ZodType<OrgUnitNode> = z.lazy(() =>
  z.strictObject({
    kind: z.enum(ORG_UNIT_KINDS),
    name: z.string().min(1),
    children: z.array(orgUnitNodeSchema).optional(),
  }),
);

export const workshopKindSchema = z.strictObject({ code, name: z.string().min(1) });

/**
 * Records a department keeps in the shutdown stage (notice 三（二）): obstruction incidents (the police),
 * truck interceptions (transport), cases with penalties (环保、市场监管、国土、电力执法), and receiving the
 * cases transferred as suspected environmental crimes (crime_transfers: the police).
 */
export const DEPARTMENT_RECORDS = ['incidents', 'interceptions', 'cases', 'crime_transfers'] as const;
export type DepartmentRecord = (typeof DEPARTMENT_RECORDS)[number];

const patrolDays = z
  .number({ error: '巡查周期应为天数' })
  .int({ error: '巡查周期应为整数天' })
  .min(1, { error: '巡查周期至少 1 天' })
  .max(366, { error: '巡查周期不能超过 366 天' });

export const departmentDefSchema = z.strictObject({
  code,
  name: z.string().min(1),
  duties: z.array(z.string().min(1)).default([]),
  records: z.array(z.enum(DEPARTMENT_RECORDS)).default([]),
});
export type DepartmentDef = z.infer<typeof departmentDefSchema>;

export const campaignDefinitionSchema = z
  .strictObject({
    code,
    documentNumber: z.string().min(1),
    title: z.string().min(1),
    issuer: z.string().min(1),
    addressees: z.string().default(''),
    objectives: z.string().default(''),
    workshopKinds: z.array(workshopKindSchema).min(1),
    phases: z.array(phaseSchema).min(1),
    standardSummary: z.string().default(''),
    standardItems: z.array(standardItemSchema).min(1),
    orgUnits: orgUnitNodeSchema,
    departments: z.array(departmentDefSchema),
    liaisonPairs: z.array(z.strictObject({ department: code, towns: z.array(z.string().min(1)) })).default([]),
    office: z.strictObject({ department: code, director: z.string().min(1) }),
    leadingGroup: z.strictObject({
      name: z.string().min(1),
      members: z.array(
        z.strictObject({ position: z.string().min(1), name: z.string().min(1), title: z.string().default('') }),
      ),
      officeNote: z.string().default(''),
    }),
    /** Who issues the acceptance's 通报批评 and the prefix of its 发文字号 (e.g. 某某办发 → 某某办发〔2016〕1号); without it, the leading group's office and no prefix until the office types one. */
    criticism: z.strictObject({ issuer: z.string().min(1), numberPrefix: z.string().min(1) }).optional(),
    /**
     * 巡查 of shut sites in the long-term supervision (长效监管): from the start of `phase` (default: the
     * last phase) each shut-down or accepted site is visited every `everyDays` days, or as often as its
     * town's exception says. Without it, patrols are recorded but none is ever due.
     */
    patrols: z
      .strictObject({
        phase: code.optional(),
        everyDays: patrolDays,
        towns: z.array(z.strictObject({ town: z.string().min(1), everyDays: patrolDays })).default([]),
      })
      .optional(),
    forms: z.strictObject({
      taskTable: z.strictObject({ title: z.string(), columns: z.array(z.string()) }),
      registrationTable: z.strictObject({ title: z.string(), columns: z.array(z.string()) }),
      leadingGroupList: z.strictObject({ title: z.string() }),
    }),
  })
  .superRefine((def, ctx) => {
    const deptCodes = new Set(def.departments.map((d) => d.code));
    def.standardItems.forEach((item, i) =>
      item.departments.forEach((d, j) => {
        if (!deptCodes.has(d))
          ctx.addIssue({ code: 'custom', path: ['standardItems', i, 'departments', j], message: `未定义的部门：${d}` });
      }),
    );
    def.liaisonPairs.forEach((p, i) => {
      if (!deptCodes.has(p.department))
        ctx.addIssue({ code: 'custom', path: ['liaisonPairs', i, 'department'], message: `未定义的部门：${p.department}` });
    });
    if (!deptCodes.has(def.office.department))
      ctx.addIssue({ code: 'custom', path: ['office', 'department'], message: `未定义的部门：${def.office.department}` });
    const townNames = new Set<string>();
    const walk = (n: OrgUnitNode) => {
      if (n.kind === 'town') townNames.add(n.name);
      n.children?.forEach(walk);
    };
    walk(def.orgUnits);
    def.patrols?.towns.forEach((t, i) => {
      if (!townNames.has(t.town)) ctx.addIssue({ code: 'custom', path: ['patrols', 'towns', i, 'town'], message: `未定义的镇街：${t.town}` });
    });
    if (def.patrols?.phase !== undefined && !def.phases.some((p) => p.code === def.patrols!.phase))
      ctx.addIssue({ code: 'custom', path: ['patrols', 'phase'], message: `未定义的阶段：${def.patrols.phase}` });
    const itemCodes = def.standardItems.map((s) => s.code);
    if (new Set(itemCodes).size !== itemCodes.length)
      ctx.addIssue({ code: 'custom', path: ['standardItems'], message: '取缔标准项代码重复' });
  });
export type CampaignDefinition = z.infer<typeof campaignDefinitionSchema>;

/** The phase a date falls in, or the last phase that has started. */
export function currentPhase(phases: readonly Phase[], today: string): Phase | undefined {
  let found: Phase | undefined;
  for (const p of phases) if (p.start <= today) found = p;
  return found;
}

/** Re-dates a campaign: every window and deadline moves so that the first phase starts on `start`. */
export function redateCampaign(def: CampaignDefinition, start: string): CampaignDefinition {
  const days = daysBetween(def.phases[0].start, start);
  return {
    ...def,
    phases: def.phases.map((p) => ({
      ...p,
      start: addDays(p.start, days),
      end: p.end && addDays(p.end, days),
      reportDue: p.reportDue && addDays(p.reportDue, days),
      itemsDue: p.itemsDue && addDays(p.itemsDue, days),
    })),
  };
}

/** Codes of the departments that keep `record` (e.g. the police: incidents). */
export function departmentsRecording(def: Pick<CampaignDefinition, 'departments'>, record: DepartmentRecord): string[] {
  return def.departments.filter((d) => d.records.includes(record)).map((d) => d.code);
}
