// 确认导入 / 放弃 a previewed power account list (the office): confirming puts its flagged accounts on the
// review list; discarding keeps who uploaded what and when, and drops the accounts. Each once: a second
// decision, or two at once, ends in 409.
import type { PowerImportStatus } from '../../domain/powerCheck.js';
import { nowIso } from '../../domain/time.js';
import { POWER_IMPORT_WORKFLOW, type PowerImportEvent } from '../../domain/workflows/powerFlag.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { AppError } from '../errors.js';
import { authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { deletePowerAccounts, findConfirmedTwin, openPowerFlags, supersedePowerFlags, updatePowerImportStatus } from '../repositories/powerCheck.js';
import { chinaDateTime } from '../../domain/time.js';
import { powerImportSubject, readablePowerImport } from './lib/powerCheck.js';
import { requireTransition } from './lib/transition.js';

export async function decidePowerImport(ctx: AppContext, actor: Actor, input: { id: number; event: PowerImportEvent }): Promise<void> {
  const campaign = await currentCampaign(ctx.db);
  await inTransaction(ctx.db, async (trx) => {
    const row = await readablePowerImport(trx, actor, campaign.id, input.id, { forUpdate: true });
    const from = row.status as PowerImportStatus;
    requireTransition(POWER_IMPORT_WORKFLOW, from, input.event);
    authorize(actor, `powerImport.${input.event}`, powerImportSubject(row), 'powerImport.read');
    const to = input.event === 'confirm' ? 'confirmed' : 'discarded';
    if (to === 'confirmed') {
      const twin = await findConfirmedTwin(trx, row);
      if (twin) throw new AppError('conflict', `同一份清单（${twin.file_name}）已于 ${chinaDateTime(twin.confirmed_at ?? twin.created_at, 'minutes')} 确认导入，请放弃这份预览`);
    }
    const at = nowIso();
    if (!(await updatePowerImportStatus(trx, row.id, from, { status: to, decided_by: actor.id, ...(to === 'confirmed' ? { confirmed_at: at } : {}) })))
      throw new AppError('invalid_transition', POWER_IMPORT_WORKFLOW.refusal(to, input.event));
    // The accounts this list flags again: their open flags of earlier lists give way to this list's months.
    const superseded = to === 'confirmed' ? await supersedePowerFlags(trx, row, { review_reason: `已由 ${chinaDateTime(at, 'minutes')} 确认导入的清单（${row.file_name}）取代`, reviewed_by: actor.id, reviewed_at: at }) : 0;
    const opened = to === 'confirmed' ? await openPowerFlags(trx, row.id) : 0;
    if (to === 'discarded') await deletePowerAccounts(trx, row.id);
    await writeAudit(trx, {
      actor,
      action: `powerImport.${input.event}`,
      entityType: 'power_import',
      entityId: row.id,
      scopePath: row.org_path,
      before: { status: from },
      after: { status: to, ...(to === 'confirmed' ? { flagsOpened: opened, flagsSuperseded: superseded } : {}) },
    });
  });
}
