// 登记宣传发动记录: a village-head meeting, a publicity-vehicle outing or a media report, with the
// details its kind needs.
import type { PublicityCreate } from '../../domain/mobilisation.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { writeAudit } from '../repositories/audit.js';
import { insertPublicityEvent } from '../repositories/mobilisation.js';
import { writableTown } from './lib/townRecord.js';

export async function addPublicityEvent(ctx: AppContext, actor: Actor, input: PublicityCreate): Promise<number> {
  const { campaign, town } = await writableTown(ctx, actor, input.townId);
  return inTransaction(ctx.db, async (trx) => {
    const id = await insertPublicityEvent(trx, {
      campaign_id: campaign.id,
      town_id: town.id,
      kind: input.kind,
      held_on: input.heldOn,
      place: input.place,
      // Only a meeting has attendees, only an outing vehicles.
      attendees: input.kind === 'meeting' ? input.attendees : null,
      vehicles: input.kind === 'vehicle' ? input.vehicles : null,
      outlet: input.outlet,
      title: input.title,
      link: input.link,
      notes: input.notes,
      created_by: actor.id,
      created_at: nowIso(),
    });
    await writeAudit(trx, { actor, action: 'publicity.create', entityType: 'publicity_events', entityId: id, scopePath: town.path, after: input });
    return id;
  });
}
