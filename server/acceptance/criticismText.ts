// The first draft of a 通报批评, composed from Qudi's records in the register of the notice: which
// towns failed and why, what the on-site checks found, what the notice requires of them (通报批评,
// 书面说明, 限期整改), and the closing charge in the notice's own words. The office edits every field
// before issuing; nothing here is sent as it stands.
import type { CampaignDefinition } from '../../domain/campaign.js';
import { verdictReasonLabels } from '../../domain/i18n/labels.zh-CN.js';
import { chineseDate } from '../exports/sheet.js';

export interface FailedTown {
  name: string;
  reasons: string[];
  findings: string;
  rectifyBy: string | null;
  requirements: string;
  /** The acceptance sample: how many were checked, and those that failed with what was found. */
  sampled: number;
  failedSites: { name: string; findings: string }[];
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const numeral = (i: number) => (i < NUMERALS.length ? NUMERALS[i]! : String(i + 1));
const sentence = (s: string) => (s && !/[。！？.!?]$/.test(s) ? `${s}。` : s);

export function composeCriticism(def: CampaignDefinition, towns: FailedTown[], today: string) {
  const issuer = def.criticism?.issuer ?? `${def.leadingGroup.name}办公室`;
  const names = towns.map((t) => t.name).join('、');
  const body: string[] = [];
  body.push(
    `按照《${def.title}》（${def.documentNumber}）要求，联合验收组采取听取汇报和现场检查的方式，对各镇街土小企业集中取缔工作进行了全面检查验收。经验收，${names}土小企业集中取缔工作不合格。现将有关情况通报如下：`,
  );
  body.push('一、存在的问题');
  towns.forEach((t, i) => {
    body.push(`（${numeral(i)}）${t.name}`);
    const reasons = t.reasons.map((r) => verdictReasonLabels[r as keyof typeof verdictReasonLabels] ?? r).join('、');
    const sites = t.failedSites.map((s) => `${s.name}${s.findings ? `，${s.findings.replace(/[。.]$/, '')}` : ''}`).join('；');
    const checked = t.sampled > 0 ? `验收组现场抽查企业${t.sampled}家，不符合取缔标准${t.failedSites.length}家${sites ? `：${sites}` : ''}。` : '';
    body.push(`${reasons ? `存在${reasons}的问题。` : ''}${checked}${sentence(t.findings)}`);
  });
  body.push('二、处理意见');
  body.push(`根据《${def.title}》规定，决定对${names}予以通报批评。${names}主要负责人要写出书面说明，报${issuer}，并按照通报要求限期整改，整改完成后由联合验收组复查。`);
  for (const t of towns.filter((x) => x.rectifyBy || x.requirements))
    body.push(`${t.name}${t.rectifyBy ? `须于${chineseDate(t.rectifyBy)}前` : '须'}整改到位${t.requirements ? `：${t.requirements.replace(/[。.]$/, '')}` : ''}。`);
  body.push('三、工作要求');
  body.push(
    `各镇街要引以为戒，举一反三，严格按照“${def.standardSummary}”的取缔标准，坚决将辖区内的土小企业取缔拆除到位，加强长效监管，杜绝死灰复燃。`,
  );
  return {
    issuerMark: issuer,
    numberPrefix: def.criticism?.numberPrefix ?? '',
    title: `关于对${names}土小企业集中取缔工作验收不合格的通报`,
    addressees: def.addressees,
    body: body.join('\n'),
    signature: issuer,
    datedOn: today,
    copyTo: '',
    printedBy: issuer,
    printedOn: today,
  };
}
