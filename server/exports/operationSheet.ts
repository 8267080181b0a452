// 联合执法作业单: the sheet the team carries on the day (A4, printable) — the team, the machinery the
// town provides, and the workshops in order with their location, contact and what remains to do,
// with a blank for each result when printed before the day.
import { machineryLabels, operationResultLabels, type JointOperationDetailDto } from '../../domain/jointOperations.js';
import { chinaDateTime } from '../../domain/time.js';
import { fieldGrid, heading, para, renderA4Docx, table, titleLine, type DocxBlock } from './docx.js';

export async function operationSheetDocx(op: JointOperationDetailDto, districtName: string): Promise<Buffer> {
  const children: DocxBlock[] = [
    titleLine(`${districtName}土小企业联合执法作业单`, 36),
    para(`${op.townName} · 联合执法编号 ${op.id} · 行动日期 ${op.operationOn ?? op.proposedOn}${op.operationOn ? '' : '（建议）'}`, { align: 'center' }),
    heading('一、申请与审批'),
    fieldGrid([
      ['申请镇街', op.townName],
      ['申请人', `${op.applicant.name}（${chinaDateTime(op.applicant.at, 'minutes')}）`],
      ['申请原因', op.reason],
      ['审批意见', op.decision ? `${op.decision.reason || '同意'}（${op.decision.by}，${chinaDateTime(op.decision.at, 'minutes')}）` : '待审批'],
    ]),
    heading('二、联合执法组'),
    op.team.length > 0 ? table(['单位', '人员'], [3000, 6638], op.team.map((m) => [m.unit, m.people])) : para('尚未组建'),
    heading('三、镇街提供的机械'),
    fieldGrid((Object.keys(machineryLabels) as (keyof typeof machineryLabels)[]).map((k) => [machineryLabels[k], `${op.machinery[k]} 台`] as [string, string])),
    heading(`四、企业（${op.workshops.length} 家，逐个清理）`),
    table(
      ['序号', '企业名称', '位置', '联系人 / 电话', '尚未完成', '结果'],
      [600, 2000, 2500, 1700, 1638, 1200],
      op.workshops.map((w, k) => [
        String(k + 1),
        w.name,
        [[w.villageName, w.address].filter(Boolean).join(' ') || '—', ...(w.latitude !== null && w.longitude !== null ? [`${w.latitude.toFixed(5)}, ${w.longitude.toFixed(5)}`] : [])],
        [w.contactPerson || '—', w.phone || ''],
        w.remaining.length ? w.remaining.join('、') : '均已完成',
        w.result === 'pending' ? '' : [operationResultLabels[w.result], w.note],
      ]),
    ),
    para(''),
    para('执法组负责人签字：________________        日期：________________'),
  ];
  return renderA4Docx({ title: `联合执法作业单（${op.townName}，编号 ${op.id}）`, description: '联合执法作业单', children });
}
