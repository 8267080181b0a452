// Chinese names of the domain's enums, used by the server (exports, messages) and the web UI.
import type { Role } from '../roles.js';
import type { DiscoverySource, ItemState, LicenceState, OrgUnitKind, ProductionStatus, RemarkKind, Status } from '../status.js';
import type { DepartmentRequestStatus } from '../workflows/departmentRequest.js';
import type { EscalationStatus } from '../workflows/escalation.js';
import type { JointOperationStatus } from '../workflows/jointOperation.js';

export const statusLabels: Record<Status, string> = {
  surveyed: '已摸排',
  in_progress: '取缔中',
  shut_down: '已取缔',
  accepted: '验收通过',
  rejected: '验收未通过',
  recurred: '反弹',
  excluded: '已排除',
};

export const roleLabels: Record<Role, string> = {
  admin: '系统管理员',
  office: '领导小组办公室',
  leader: '领导小组',
  town: '镇街工作人员',
  town_head: '镇街主要负责人',
  village: '村居负责人',
  liaison: '帮包部门',
  department: '职能部门',
  inspector: '验收组',
  discipline: '纪检监察',
};

export const itemStateLabels: Record<ItemState, string> = {
  pending: '待完成',
  done: '已完成',
  not_applicable: '不适用',
};

export const productionStatusLabels: Record<ProductionStatus, string> = {
  producing: '生产中',
  intermittent: '间歇生产',
  stopped: '已停产',
};

export const discoverySourceLabels: Record<DiscoverySource, string> = {
  survey: '调查摸底',
  tip: '群众举报',
  patrol: '巡查发现',
  department: '部门移交',
  power: '用电核查',
};

export const licenceLabels: Record<LicenceState, string> = {
  unknown: '未核实',
  held: '有',
  absent: '无',
};

export const orgUnitKindLabels: Record<OrgUnitKind, string> = {
  province: '省',
  city: '市',
  district: '区县',
  town: '镇街',
  village: '村居',
};

export const verdictReasonLabels: Record<'ineffective' | 'concealment' | 'incomplete', string> = {
  ineffective: '行动不力',
  concealment: '包庇隐瞒',
  incomplete: '未按要求完成',
};

export const workflowEventLabels = {
  start_shutdown: '开始取缔',
  complete_shutdown: '取缔完成',
  accept: '验收通过',
  reject: '验收未通过',
  recur: '发现反弹',
  exclude: '排除',
} as const;

export const enterpriseFieldLabels = {
  name: '企业名称',
  kind: '企业类型',
  townId: '所属镇街',
  villageId: '所属村居',
  address: '企业位置',
  lng: '经度',
  lat: '纬度',
  contactPerson: '联系人',
  phone: '联系电话',
  powerSource: '供电来源（变压器/线路）',
  powerAccount: '电表号/户号',
  waterSource: '用水来源',
  landType: '土地类型',
  landOwner: '土地权属人',
  landLease: '租赁情况',
  licenceBusiness: '营业执照',
  licenceEia: '环评手续',
  licenceLand: '用地手续',
  productionStatus: '生产状况',
  rawMaterials: '生产原料',
  notes: '备注',
  discoverySource: '发现途径',
  villageHead: '村居负责人',
  townHead: '镇街负责人',
  departmentHead: '责任部门负责人',
  status: '状态',
  version: '版本号',
} as const;

export const remarkKindLabels: Record<RemarkKind, string> = { comment: '意见', escalation: '督办' };
export const escalationStatusLabels: Record<EscalationStatus, string> = { open: '待答复', answered: '已答复' };
export const departmentRequestStatusLabels: Record<DepartmentRequestStatus, string> = {
  requested: '待受理',
  accepted: '已受理',
  scheduled: '已排期',
  returned: '已退回',
  confirmed: '已完成',
};
export const jointOperationStatusLabels: Record<JointOperationStatus, string> = {
  applied: '待审批',
  returned: '退回修改',
  refused: '不予批准',
  approved: '已批准',
  in_progress: '行动中',
  completed: '已结束',
};
export const machineryLabels: Record<'loader' | 'excavator' | 'truck', string> = { loader: '铲车', excavator: '挖掘机', truck: '运输车辆' };
export const operationResultLabels: Record<'pending' | 'cleared' | 'not_cleared', string> = { pending: '待清理', cleared: '已清理', not_cleared: '未清理' };
export const incidentKindLabels: Record<'disturbance' | 'violence', string> = { disturbance: '无理取闹', violence: '暴力阻碍执法' };
export const cargoKindLabels: Record<'plastic' | 'pulp' | 'garbage' | 'other', string> = { plastic: '废旧塑料', pulp: '纸浆', garbage: '垃圾', other: '其他' };
export const penaltyStatusLabels: Record<'issued' | 'served' | 'executed' | 'enforcement' | 'contested' | 'revoked', string> = {
  issued: '已作出',
  served: '已送达',
  executed: '已执行完毕',
  enforcement: '申请法院强制执行',
  contested: '复议或诉讼中',
  revoked: '已撤销',
};
export const transferKindLabels: Record<'police' | 'discipline', string> = { police: '移交公安（涉嫌环境污染犯罪）', discipline: '移交纪检（违纪线索）' };
