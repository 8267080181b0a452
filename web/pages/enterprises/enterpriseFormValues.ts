// Between the register form's values and the API: empty fields, defaults, and the changed-fields patch.
import type { EnterpriseDto } from '../../../domain/api.js';
import type { EnterpriseCreate, EnterpriseCreateInput } from '../../../domain/enterprise.js';

export type FormValues = Partial<Record<keyof EnterpriseCreateInput, unknown>>;

export const TEXT_FIELDS = [
  'name',
  'kind',
  'address',
  'contactPerson',
  'phone',
  'powerSource',
  'powerAccount',
  'waterSource',
  'landType',
  'landOwner',
  'landLease',
  'rawMaterials',
  'notes',
  'villageHead',
  'townHead',
  'departmentHead',
] as const satisfies readonly (keyof EnterpriseCreate)[];

export const FIELD_ORDER = [
  'name',
  'kind',
  'discoverySource',
  'contactPerson',
  'phone',
  'townId',
  'villageId',
  'address',
  'lng',
  'lat',
  'powerSource',
  'powerAccount',
  'waterSource',
  'landType',
  'landOwner',
  'landLease',
  'licenceBusiness',
  'licenceEia',
  'licenceLand',
  'productionStatus',
  'rawMaterials',
  'notes',
  'villageHead',
  'townHead',
  'departmentHead',
] as const satisfies readonly (keyof EnterpriseCreate)[];

/** What the schema should see: text fields as strings, no place or coordinates as null. */
export function normalizeForSchema(values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const f of TEXT_FIELDS) if (out[f] === undefined || out[f] === null) out[f] = '';
  for (const f of ['villageId', 'lng', 'lat'] as const) if (out[f] === undefined || out[f] === '') out[f] = null;
  for (const [k, v] of Object.entries(out)) if (v === undefined) delete out[k];
  return out;
}

export function formValuesFrom(e: EnterpriseDto): FormValues {
  return Object.fromEntries(FIELD_ORDER.map((f) => [f, e[f] ?? undefined])) as FormValues;
}

/** The fields whose parsed value differs from the stored record. */
export function changedFields(parsed: EnterpriseCreate, e: EnterpriseDto): Partial<EnterpriseCreate> {
  const patch: Record<string, unknown> = {};
  for (const f of FIELD_ORDER) if (parsed[f] !== e[f]) patch[f] = parsed[f];
  return patch as Partial<EnterpriseCreate>;
}

export const CREATE_DEFAULTS: FormValues = {
  licenceBusiness: 'unknown',
  licenceEia: 'unknown',
  licenceLand: 'unknown',
  productionStatus: 'producing',
  discoverySource: 'survey',
};
