// 新增村居: a town adds one of its villages (the campaign definition names only the towns).
import type { Actor } from '../auth/actor.js';
import { covers } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import type { OrgUnitRow } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { conflict, invalid } from '../errors.js';
import { authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { findChildByName, findOrgUnit, insertOrgUnit } from '../repositories/orgUnits.js';

export async function createVillage(ctx: AppContext, actor: Actor, input: { townId: number; name: string }): Promise<OrgUnitRow> {
  const town = await findOrgUnit(ctx.db, input.townId);
  if (!town || town.kind !== 'town' || !covers(actor, town.path)) throw invalid('镇街不存在或不在您的管辖范围内', [{ path: 'townId', message: '镇街不存在或不在您的管辖范围内' }]);
  authorize(actor, 'village.create', { orgPath: town.path });
  return inTransaction(ctx.db, async (trx) => {
    if (await findChildByName(trx, town.id, input.name)) throw conflict(`${town.name}已有名为“${input.name}”的村居`, [{ path: 'name', message: '该村居已存在' }]);
    const created = await insertOrgUnit(trx, town, 'village', input.name);
    await writeAudit(trx, { actor, action: 'orgUnit.create', entityType: 'org_unit', entityId: created.id, scopePath: created.path, after: { name: created.name, parent: town.name } });
    return created;
  });
}
