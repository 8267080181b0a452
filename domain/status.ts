export const STATUSES = [
  'surveyed',
  'in_progress',
  'shut_down',
  'accepted',
  'rejected',
  'recurred',
  'excluded',
] as const;
export type Status = (typeof STATUSES)[number];

export const ITEM_STATES = ['pending', 'done', 'not_applicable'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const PRODUCTION_STATUSES = ['producing', 'intermittent', 'stopped'] as const;
export type ProductionStatus = (typeof PRODUCTION_STATUSES)[number];

export const DISCOVERY_SOURCES = ['survey', 'tip', 'patrol', 'department', 'power'] as const;
export type DiscoverySource = (typeof DISCOVERY_SOURCES)[number];

export const LICENCE_STATES = ['unknown', 'held', 'absent'] as const;
export type LicenceState = (typeof LICENCE_STATES)[number];

export const ORG_UNIT_KINDS = ['province', 'city', 'district', 'town', 'village'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

/** A remark on a workshop (帮包意见与督办): a comment (意见), or an escalation (督办) the town must answer. */
export const REMARK_KINDS = ['comment', 'escalation'] as const;
export type RemarkKind = (typeof REMARK_KINDS)[number];
