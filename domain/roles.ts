export const ROLES = [
  'admin',
  'office',
  'leader',
  'town',
  'town_head',
  'village',
  'liaison',
  'department',
  'inspector',
  'discipline',
] as const;
export type Role = (typeof ROLES)[number];

/** What kind of scope node a role assignment needs. */
export const ROLE_SCOPE_KIND: Record<Role, 'district' | 'town' | 'village' | 'department'> = {
  admin: 'district',
  office: 'district',
  leader: 'district',
  town: 'town',
  town_head: 'town',
  village: 'village',
  liaison: 'department',
  department: 'department',
  inspector: 'district',
  discipline: 'district',
};
