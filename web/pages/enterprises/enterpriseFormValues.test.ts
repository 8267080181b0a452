import { describe, expect, it } from 'vitest';
import type { EnterpriseDto } from '../../../domain/api.js';
import { enterpriseCreateSchema } from '../../../domain/enterprise.js';
import { CREATE_DEFAULTS, changedFields, formValuesFrom, normalizeForSchema } from './enterpriseFormValues.js';

const stored = {
  id: 7, name: '李庄宏达塑料颗粒加工厂', kind: 'pellet', townId: 3, townName: '西集镇', villageId: null, villageName: null,
  address: '李庄村村东300米', lng: null, lat: null, contactPerson: '王建国', phone: '13206328899', powerSource: '', powerAccount: '',
  waterSource: '自备井', landType: '', landOwner: '', landLease: '', licenceBusiness: 'absent', licenceEia: 'unknown', licenceLand: 'unknown',
  productionStatus: 'producing', rawMaterials: '废旧塑料', notes: '', discoverySource: 'survey', villageHead: '', townHead: '', departmentHead: '',
  status: 'surveyed', statusReason: '', rejection: null, itemsDone: 0, version: 3, createdAt: '', updatedAt: '', items: [],
  abilities: { update: true, recordItems: true, verdict: false, exclude: false, recur: false, uploadEvidence: true, evidencePackage: true, viewIncidents: false, viewCases: false, viewPatrols: false },
} as EnterpriseDto;

describe('the register form’s values (一企一档)', () => {
  it('turns what the form leaves empty into what the schema expects: blank text, no place, no coordinates', () => {
    const values = normalizeForSchema({ name: ' 某加工点 ', kind: 'pellet', townId: 3, villageId: undefined, lng: '', phone: undefined, ...CREATE_DEFAULTS });
    expect(values).toMatchObject({ villageId: null, lng: null, lat: null, phone: '', address: '' });
    const parsed = enterpriseCreateSchema.parse(values);
    expect(parsed.name).toBe('某加工点');
    expect(parsed.licenceBusiness).toBe('unknown');
  });

  it('sends back only the fields the user changed', () => {
    const edited = enterpriseCreateSchema.parse(normalizeForSchema({ ...formValuesFrom(stored), phone: '１３２ ０６３２ ８８００', notes: '夜间生产' }));
    expect(changedFields(edited, stored)).toEqual({ phone: '13206328800', notes: '夜间生产' });
    expect(changedFields(enterpriseCreateSchema.parse(normalizeForSchema(formValuesFrom(stored))), stored)).toEqual({});
  });
});
