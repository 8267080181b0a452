// 新建用户: an account with one role over one scope. Administrators create them on the users page;
// the server's operator from the command line (`qudi user add`) and at first start (the first
// administrator), without an actor: those are audited as 系统.
import { roleLabels } from '../../domain/i18n/labels.zh-CN.js';
import { ROLE_SCOPE_KIND, ROLES, type Role } from '../../domain/roles.js';
import type { Actor } from '../auth/actor.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../auth/password.js';
import type { Db } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { conflict, invalid } from '../errors.js';
import { authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign, type CampaignRecord } from '../repositories/campaigns.js';
import { listDepartments } from '../repositories/departments.js';
import { findChildByName, findOrgUnitByName, listChildUnits } from '../repositories/orgUnits.js';
import { findUserByUsername, insertRoleAssignment, insertUser } from '../repositories/users.js';

export interface ScopeRef {
  orgUnitId: number | null;
  departmentId: number | null;
}

/** A department as people write it: its name (区某某局), the name without 区 (某某局), or its code. */
function matchesDepartment(d: { name: string; code: string }, written: string): boolean {
  const bare = (name: string) => name.replace(/^区/, '');
  return written === d.name || written === d.code || bare(written) === bare(d.name);
}

/**
 * Resolves a scope as people write it — a town's name, `town/village`, a department by name, name
 * without 区 or code, or nothing for district-wide roles — and answers the unit's or department's
 * name. A scope that names nothing is refused with the names that exist.
 */
export async function resolveScopeNamed(db: Db, campaign: CampaignRecord, role: Role, scope: string | undefined): Promise<ScopeRef & { name: string }> {
  const kind = ROLE_SCOPE_KIND[role];
  const s = scope?.trim() ?? '';
  const district = campaign.definition.orgUnits.name;
  if (kind === 'district') {
    if (!s || s === district) return { orgUnitId: campaign.rootId, departmentId: null, name: district };
    const units = await findOrgUnitByName(db, s);
    if (units.length === 0) throw invalid(`找不到范围“${s}”`, [{ path: 'scope', message: '范围不存在' }]);
    return { orgUnitId: units[0].id, departmentId: null, name: units[0].name };
  }
  if (kind === 'department') {
    const all = await listDepartments(db);
    const dept = all.find((d) => matchesDepartment(d, s));
    if (!dept) {
      const names = all.map((d) => d.name).join('、');
      throw invalid(`${roleLabels[role]}须指定部门，${s ? `找不到部门“${s}”` : '未指定部门'}；可选：${names}`, [{ path: 'scope', message: `部门不存在，可选：${names}` }]);
    }
    return { orgUnitId: campaign.rootId, departmentId: dept.id, name: dept.name };
  }
  const [townName, villageName] = s.split('/').map((p) => p.trim());
  const town = (await findOrgUnitByName(db, townName ?? '', 'town')).find((t) => t.path.startsWith(campaign.rootPath));
  if (!town) {
    const names = (await listChildUnits(db, campaign.rootId, 'town')).map((t) => t.name).join('、');
    throw invalid(`${roleLabels[role]}须指定镇街，找不到镇街“${townName ?? ''}”；可选：${names}`, [{ path: 'scope', message: `镇街不存在，可选：${names}` }]);
  }
  if (kind === 'town') return { orgUnitId: town.id, departmentId: null, name: town.name };
  const village = villageName ? await findChildByName(db, town.id, villageName) : undefined;
  if (!village) {
    const names = (await listChildUnits(db, town.id, 'village')).map((v) => v.name).join('、');
    throw invalid(`${roleLabels[role]}须指定村居（如 ${town.name}/某某村），找不到“${villageName ?? ''}”${names ? `；${town.name}的村居：${names}` : ''}`, [{ path: 'scope', message: '村居不存在' }]);
  }
  return { orgUnitId: village.id, departmentId: null, name: `${town.name}/${village.name}` };
}

/** resolveScopeNamed, the ids only (what a role assignment stores). */
export async function resolveScope(db: Db, campaign: CampaignRecord, role: Role, scope: string | undefined): Promise<ScopeRef> {
  const { orgUnitId, departmentId } = await resolveScopeNamed(db, campaign, role, scope);
  return { orgUnitId, departmentId };
}

export async function createUser(
  ctx: { db: Db },
  by: Actor | null,
  input: { username: string; displayName?: string; password: string; role: string; scope?: string; director?: boolean },
): Promise<number> {
  if (by) authorize(by, 'user.manage', null);
  const { db } = ctx;
  const campaign = await currentCampaign(db);
  if (!(ROLES as readonly string[]).includes(input.role))
    throw invalid(`角色不正确，可选：${ROLES.join(', ')}`, [{ path: 'role', message: '角色不存在' }]);
  if (!/^[A-Za-z0-9_.-]{2,64}$/.test(input.username))
    throw invalid('用户名须为 2–64 位字母、数字、下划线、点或连字符', [{ path: 'username', message: '用户名格式不正确' }]);
  if (input.password.length < MIN_PASSWORD_LENGTH)
    throw invalid(`密码至少 ${MIN_PASSWORD_LENGTH} 位`, [{ path: 'password', message: '密码过短' }]);
  const role = input.role as Role;
  if (input.director && role !== 'office')
    throw invalid('只有领导小组办公室（office）角色可以设为办公室主任', [{ path: 'director', message: '仅 office 角色可设为主任' }]);
  const scope = await resolveScope(db, campaign, role, input.scope);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    if (await findUserByUsername(trx, input.username)) throw conflict(`用户名“${input.username}”已存在`, [{ path: 'username', message: '用户名已存在' }]);
    const id = await insertUser(trx, { username: input.username, displayName: input.displayName || input.username, passwordHash });
    await insertRoleAssignment(trx, { userId: id, role, ...scope, director: input.director === true });
    await writeAudit(trx, { actor: by, action: 'user.create', entityType: 'user', entityId: id, after: { username: input.username, role, scope: input.scope ?? '', ...(input.director ? { director: true } : {}) } });
    return id;
  });
}
