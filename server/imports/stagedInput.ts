// A valid row's register input as an import stages it (read back by the database on confirm,
// server/repositories/imports.ts). Kept apart so the staging worker loads no database code.
import { enterpriseCreateSchema, type EnterpriseImportRow } from '../../domain/enterprise.js';

/**
 * What the register gets for a field the sheet leaves empty: the form schema's defaults. Staged
 * rows leave such fields out (a sheet row is mostly empty fields), and the database puts them back.
 */
export const INPUT_DEFAULTS: Readonly<Record<string, unknown>> = (() => {
  const { name, kind, townId, confirmedDistinctFrom, ...defaults } = enterpriseCreateSchema.parse({ name: '-', kind: '-', townId: 1 });
  void name, void kind, void townId, void confirmedDistinctFrom;
  return defaults;
})();

/**
 * A valid row's register input as staged: without the town (the import's) and without fields
 * equal to their default.
 */
export function compactInput(input: EnterpriseImportRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = input as Record<string, unknown>;
  for (const key in fields) {
    const value = fields[key];
    if (key === 'townId' || value === undefined || INPUT_DEFAULTS[key] === value) continue;
    out[key] = value;
  }
  return out;
}
