// 导入用电户清单, step 1: the office uploads a power supply office's account list for a town. It is read
// (server/imports/powerList.ts), each account matched to the register — by power account number, else
// phone, else name in the town — and flagged by the domain's rules, and stored as a preview: nothing is on
// the review list until the office confirms it.
import fs from 'node:fs';
import { workshopNameKey } from '../../domain/duplicates.js';
import { normalizePhone } from '../../domain/phone.js';
import { powerFlagOf, type MatchReason, type PowerFlag } from '../../domain/powerCheck.js';
import type { Status } from '../../domain/status.js';
import { nowIso } from '../../domain/time.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import type { NewPowerAccount } from '../db/schema.js';
import { inTransaction } from '../db/transaction.js';
import { invalid } from '../errors.js';
import { fileHead, fileSha256 } from '../imports/fileFacts.js';
import { fileKindOf } from '../imports/parse.js';
import { readPowerList } from '../imports/powerList.js';
import { authorize } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findCampaignTown } from '../repositories/orgUnits.js';
import { insertPowerAccounts, insertPowerImport, workshopsForMatching, type MatchedWorkshop } from '../repositories/powerCheck.js';

/** A holder's name shorter than this (after the name key) is too common to match a workshop by. */
const MIN_NAME_KEY = 2;

export async function previewPowerImport(ctx: AppContext, actor: Actor, input: { townId: number; fileName: string; file: string }): Promise<number> {
  const campaign = await currentCampaign(ctx.db);
  const town = await findCampaignTown(ctx.db, campaign.rootPath, input.townId);
  if (!town) throw invalid('所选镇街不存在', [{ path: 'townId', message: '镇街不存在' }]);
  authorize(actor, 'powerImport.create', { orgPath: town.path });
  const size = (await fs.promises.stat(input.file)).size;
  if (size === 0) throw invalid('上传的文件是空的', [{ path: 'file', message: '文件为空' }]);
  const kind = fileKindOf(input.fileName, await fileHead(input.file));
  const campaignYear = Number(campaign.definition.phases[0]?.start.slice(0, 4)) || new Date().getUTCFullYear();
  const [sha256, list] = await Promise.all([fileSha256(input.file), readPowerList(input.file, kind, campaignYear)]);

  const phoneOf = (raw: string) => (raw ? normalizePhone(raw) : null);
  const nameKeyOf = (holder: string) => {
    const k = workshopNameKey(holder);
    return k.length >= MIN_NAME_KEY ? k : null;
  };
  const candidates = await workshopsForMatching(ctx.db, {
    campaignId: campaign.id,
    townId: town.id,
    accountKeys: list.rows.map((r) => r.accountKey).filter((k) => k !== ''),
    phones: list.rows.map((r) => phoneOf(r.phone)).filter((p): p is string => p !== null),
    nameKeys: list.rows.map((r) => nameKeyOf(r.holder)).filter((k): k is string => k !== null),
  });

  const at = nowIso();
  const counts = { matched: 0, resumed: 0, unlisted: 0, problems: 0 };
  const accounts: Omit<NewPowerAccount, 'import_id'>[] = list.rows.map((r) => {
    const phone = phoneOf(r.phone);
    const nameKey = nameKeyOf(r.holder);
    let match: { w: MatchedWorkshop; reason: MatchReason } | null = null;
    const byAccount = r.accountKey ? candidates.byAccount.get(r.accountKey) : undefined;
    const byPhone = phone ? candidates.byPhone.get(phone) : undefined;
    const byName = nameKey ? candidates.byName.get(nameKey) : undefined;
    if (byAccount) match = { w: byAccount, reason: 'account' };
    else if (byPhone) match = { w: byPhone, reason: 'phone' };
    else if (byName) match = { w: byName, reason: 'name' };
    // An account without a number of its own (missing, or repeating an earlier row) is shown, never flagged.
    const flag: PowerFlag | null = r.problems.some((p) => p.field === 'accountNo') ? null : powerFlagOf(r.usage, match ? { status: match.w.status as Status } : null);
    if (match) counts.matched++;
    if (flag === 'resumed') counts.resumed++;
    if (flag === 'unlisted') counts.unlisted++;
    if (r.problems.length > 0) counts.problems++;
    return {
      campaign_id: campaign.id,
      town_id: town.id,
      org_path: town.path,
      row_no: r.rowNo,
      account_no: r.accountNo,
      account_key: r.accountKey,
      holder: r.holder,
      address: r.address,
      phone: phone ?? r.phone,
      station: r.station,
      line: r.line,
      category: r.category,
      note: r.note,
      lng: r.lng,
      lat: r.lat,
      usage: JSON.stringify(r.usage),
      problems: JSON.stringify(r.problems),
      enterprise_id: match?.w.id ?? null,
      match_reason: match?.reason ?? null,
      flag,
    };
  });

  return inTransaction(ctx.db, async (trx) => {
    const id = await insertPowerImport(trx, {
      campaign_id: campaign.id,
      town_id: town.id,
      org_path: town.path,
      file_name: input.fileName.slice(0, 200),
      sha256,
      months: JSON.stringify(list.months),
      columns: JSON.stringify(list.columns),
      row_count: list.rows.length,
      matched_count: counts.matched,
      resumed_count: counts.resumed,
      unlisted_count: counts.unlisted,
      problem_count: counts.problems,
      status: 'preview',
      created_by: actor.id,
      created_at: at,
    });
    await insertPowerAccounts(trx, accounts.map((a) => ({ ...a, import_id: id })));
    await writeAudit(trx, {
      actor,
      action: 'powerImport.create',
      entityType: 'power_import',
      entityId: id,
      scopePath: town.path,
      after: { townId: town.id, fileName: input.fileName, sha256, months: list.months, rowCount: list.rows.length, ...counts },
    });
    return id;
  });
}
