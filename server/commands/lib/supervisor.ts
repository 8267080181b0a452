// The one way a supervisor is named, shared by the town's and the site's commands: the write names the
// current row it replaces (another: 409 stale_version), the same person again is refused (409
// conflict), the current row is closed and the next inserted — a current row that appeared meanwhile
// (the partial unique index) ends in 409 too — and the change is audited, all in the caller's transaction.
import { supervisorRoleLabels, type SupervisorAssign, type SupervisorRole, type SupervisorSubjectKind } from '../../../domain/supervisors.js';
import { nowIso } from '../../../domain/time.js';
import type { Actor } from '../../auth/actor.js';
import type { Db } from '../../db/schema.js';
import { conflict } from '../../errors.js';
import { writeAudit } from '../../repositories/audit.js';
import { closeSupervisor, currentSupervisor, insertSupervisor } from '../../repositories/supervisors.js';
import { staleVersion } from './transition.js';

const CHANGED = (role: SupervisorRole) => `${supervisorRoleLabels[role]}刚被他人变更，请刷新后重试`;

export async function nameSupervisor(
  trx: Db,
  actor: Actor,
  s: { campaignId: number; kind: SupervisorSubjectKind; subjectId: number; townId: number; orgPath: string; role: SupervisorRole; audit: { entityType: string; entityId: number } },
  input: SupervisorAssign,
): Promise<number> {
  const current = await currentSupervisor(trx, s.campaignId, s.kind, s.subjectId, s.role);
  if ((current?.id ?? null) !== input.replaces) throw staleVersion(CHANGED(s.role));
  if (current && current.name === input.name && current.position === input.position && current.phone === input.phone) throw conflict('与现任人员相同，无需变更');
  const at = nowIso();
  if (current && !(await closeSupervisor(trx, current.id, actor.id, at))) throw staleVersion(CHANGED(s.role));
  const person = { name: input.name, position: input.position, phone: input.phone };
  const id = await insertSupervisor(trx, { ...s, ...person, by: actor.id, at });
  if (id === null) throw staleVersion(CHANGED(s.role));
  await writeAudit(trx, {
    actor,
    action: 'supervisor.assign',
    entityType: s.audit.entityType,
    entityId: s.audit.entityId,
    scopePath: s.orgPath,
    before: current ? { supervisorId: current.id, role: s.role, name: current.name, position: current.position, phone: current.phone } : undefined,
    after: { supervisorId: id, role: s.role, ...person },
  });
  return id;
}
