// What a version of a town's 验收材料 freezes (the written report, the figures, the lists, the image
// files with their hashes), its hash, and the first draft of the written report, composed from the
// register in the register of a town's report to the district. No database: the facts are read by
// repositories/acceptancePackages.ts.
import { createHash } from 'node:crypto';
import type { PackageContent } from '../../domain/acceptancePackage.js';
import type { CampaignDefinition } from '../../domain/campaign.js';
import { statusLabels } from '../../domain/i18n/labels.zh-CN.js';
import type { Status } from '../../domain/status.js';
import { locationOf } from '../exports/forms.js';
import { chineseDate } from '../exports/sheet.js';
import type { packageFacts } from '../repositories/acceptancePackages.js';

type Facts = Awaited<ReturnType<typeof packageFacts>>;

export function packageContent(def: CampaignDefinition, town: { name: string }, report: string, f: Facts): PackageContent {
  const names = new Map(f.workshops.map((w) => [w.id, w.name]));
  const count = (item: string, state: string) => f.itemCounts.filter((c) => c.item === item && c.state === state).reduce((s, c) => s + c.n, 0);
  return {
    town: town.name,
    report,
    statusCounts: Object.fromEntries(f.statusCounts.map((c) => [c.status, c.n])),
    itemCounts: def.standardItems.map((i) => ({ item: i.code, name: i.name, done: count(i.code, 'done'), notApplicable: count(i.code, 'not_applicable'), pending: count(i.code, 'pending') })),
    workshops: f.workshops.map((w) => ({ id: w.id, name: w.name, status: w.status, location: locationOf(w) })),
    workshopsTotal: f.workshopsTotal,
    jointOperations: f.operations,
    cases: f.cases,
    images: f.images.map((a) => ({ attachmentId: a.id, enterpriseId: a.enterprise_id ?? 0, workshop: names.get(a.enterprise_id ?? 0) ?? '', item: a.item_code, name: a.original_name, kind: a.kind, sha256: a.sha256, capturedAt: a.captured_at })),
    imagesTotal: f.imagesTotal,
  };
}

export function packageHash(content: PackageContent): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** The first draft of the written report: what the register says the town has done. */
export function draftReport(def: CampaignDefinition, town: { name: string }, f: Facts, today: string): string {
  const by = (s: Status) => f.statusCounts.filter((c) => c.status === s).reduce((n, c) => n + c.n, 0);
  const shut = by('shut_down') + by('accepted');
  const lines = [
    `按照《${def.title}》（${def.documentNumber}）要求，${town.name}对辖区内土小企业开展了集中取缔。截至${chineseDate(today)}，现将取缔情况报告如下：`,
    `一、基本情况。全镇街共摸排登记土小企业${f.workshopsTotal}家，已取缔${shut}家（其中验收通过${by('accepted')}家），正在取缔${by('in_progress')}家，尚未开始${by('surveyed')}家${by('rejected') + by('recurred') > 0 ? `，${statusLabels.rejected}、${statusLabels.recurred}的${by('rejected') + by('recurred')}家正在整改` : ''}。`,
    `二、取缔标准落实情况。${def.standardItems
      .map((i) => {
        const done = f.itemCounts.filter((c) => c.item === i.code && c.state === 'done').reduce((n, c) => n + c.n, 0);
        return `${i.name}${done}家`;
      })
      .join('，')}。`,
    `三、联合执法和案件查处。申请联合执法${f.operations.length}次，立案查处违法案件${f.cases}起。`,
    `四、影像资料。随本报告报送已取缔企业的现场照片、视频共${f.imagesTotal}个，全程记录了取缔情况。`,
    '五、下一步工作。落实属地监管责任，明确主管领导和监管责任人，加强巡查，杜绝死灰复燃。',
  ];
  return lines.join('\n');
}
