import { describe, expect, it } from 'vitest';
import type { MeAbilities, MeDto } from '../../domain/api.js';
import { navItems } from './navItems.js';

const none: MeAbilities = {
  manageUsers: false,
  createEnterprise: false,
  registerInVillagesOnly: false,
  createVillage: false,
  viewDashboard: false,
  viewReports: false,
  viewMobilisation: false,
  importTaskTable: false,
  viewSelfInspection: false,
  createSelfPolicy: false,
  fileClue: false,
  viewClues: false,
  writeMobilisation: false,
  answerEscalations: false,
  viewIncidents: false,
  viewCases: false,
  viewInterceptions: false,
  viewDepartmentRequests: false,
  actOnDepartmentRequests: false,
  viewJointOperations: false,
  viewAcceptance: false,
  viewSupervision: false,
  viewTips: false,
  viewPowerCheck: false,
  importPowerList: false,
  downloadDailyReport: false,
  manageWebhooks: false,
  viewAccountability: false,
};
const me = (abilities: Partial<MeAbilities>): MeDto => ({
  id: 1,
  username: 'u',
  displayName: 'u',
  roles: [],
  abilities: { ...none, ...abilities },
  home: 'register',
  homeTown: null,
  districtWide: false,
  duty: { departmentIds: [], itemCodes: [] },
});
const keys = (abilities: Partial<MeAbilities>) => navItems(me(abilities)).map((i) => i.key);

describe('the menu', () => {
  it('offers a village head neither 任务表报送 nor 宣传发动 when the server allows neither (they led to 页面不存在 and an empty page)', () => {
    const village = keys({ createEnterprise: true, registerInVillagesOnly: true, viewDashboard: true });
    expect(village).not.toContain('reports');
    expect(village).not.toContain('mobilisation');
    expect(village).toEqual(['home', 'enterprises', 'map', 'dashboard']);
  });

  it('shows each entry exactly when its ability is given', () => {
    expect(keys({ viewReports: true })).toContain('reports');
    expect(keys({ viewMobilisation: true })).toContain('mobilisation');
    expect(keys({ viewAcceptance: true })).toContain('acceptance');
    expect(keys({ viewSupervision: true })).toContain('supervision');
    expect(keys({ viewTips: true })).toContain('tips');
    expect(keys({ viewAccountability: true })).toContain('accountability');
    expect(keys({})).not.toContain('accountability');
    expect(keys({ viewReports: true, viewMobilisation: true, viewDashboard: true, importTaskTable: true, viewSelfInspection: true, createVillage: true, manageUsers: true })).toEqual([
      'home',
      'enterprises',
      'map',
      'dashboard',
      'reports',
      'mobilisation',
      'imports',
      'self-inspection',
      'villages',
      'users',
    ]);
  });
});
