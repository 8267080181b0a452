// 记录.docx: a workshop's record as a Word document people can read and print (A4, Chinese):
// register fields, status, standard items, verdicts, evidence files with their hashes, the audit
// history and how to check the package. Rendered from the same WorkshopRecord as 记录.json.
import { AlignmentType, cell, fieldGrid, heading, para, renderA4Docx, table, titleLine, type DocxBlock } from '../exports/docx.js';
import { enterpriseFieldLabels, workflowEventLabels } from '../../domain/i18n/labels.zh-CN.js';
import { chinaDateTime } from '../../domain/time.js';
import { formatFingerprint } from './packageKey.js';
import type { EvidenceEntry, WorkshopRecord } from './packageRecord.js';

/** A camera's local time as written in EXIF (no zone), shown as it was recorded. */
const localTime = (s: string | null) => (s ? s.replace('T', ' ').slice(0, 19) : '');

const SOURCE_LABELS: Record<string, string> = { exif: '照片 EXIF 定位', device: '设备定位' };
const PHASE_LABELS: Record<string, string> = { before: '取缔前', after: '取缔后' };
const KIND_LABELS: Record<string, string> = { photo: '照片', video: '视频' };

export function describeLocation(e: Pick<EvidenceEntry, 'gps' | 'locationSource' | 'deviceAccuracyM' | 'distanceM' | 'far'> & { kind?: string }): string {
  if (!e.gps) return '无位置信息';
  const parts = [e.kind === 'video' && e.locationSource === 'exif' ? '视频文件自带定位' : (SOURCE_LABELS[e.locationSource ?? ''] ?? '定位')];
  if (e.locationSource === 'device' && e.deviceAccuracyM !== null) parts[0] += `（精度约 ${Math.round(e.deviceAccuracyM)} 米）`;
  parts.push(`${e.gps.lat.toFixed(6)}, ${e.gps.lng.toFixed(6)}`);
  if (e.distanceM === null) parts.push('场所无坐标，未计算距离');
  else parts.push(`距场所 ${Math.round(e.distanceM)} 米${e.far ? '，超出允许范围' : ''}`);
  return parts.join('；');
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(2)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} 字节`;
}

const ACTION_LABELS: Record<string, string> = {
  'enterprise.create': '登记企业',
  'enterprise.update': '修改企业信息',
  'enterprise.import_linked': '导入任务表时关联本企业',
  'item.record': '记录取缔标准项',
  'attachment.create': '上传证据文件',
  'attachment.update': '修改证据文件说明',
  'evidence.package': '下载证据包',
  'remark.comment': '帮包意见',
  'remark.escalate': '督办',
  'remark.answer': '答复督办',
};

function actionLabel(action: string): string {
  if (action.startsWith('status.')) {
    const event = action.slice('status.'.length) as keyof typeof workflowEventLabels;
    return workflowEventLabels[event] ?? action;
  }
  return ACTION_LABELS[action] ?? action;
}

const FIELD_LABELS: Record<string, string> = {
  ...enterpriseFieldLabels,
  item: '标准项',
  state: '完成情况',
  unit: '执行单位',
  person: '执行人',
  date: '日期',
  note: '备注',
  reason: '理由',
  verdict: '验收结论',
  reasons: '未通过原因',
  findings: '发现的问题',
  sha256: 'SHA-256',
  manifestSha256: '清单 SHA-256',
  attachmentId: '文件编号',
  itemCode: '标准项',
  originalName: '文件名',
  caption: '说明',
  size: '大小（字节）',
  capturedAt: '拍摄时间',
  distanceM: '与场所距离（米）',
  replacesId: '替换文件',
};

/** An audit record's before/after in one line: `字段：值；…`, shortened for the document (记录.json has it all). */
function describeChange(value: unknown, itemNames: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object' || Array.isArray(value)) return shorten(JSON.stringify(value), 300);
  const parts = Object.entries(value as Record<string, unknown>).map(([k, v]) => {
    const shown = (k === 'item' || k === 'itemCode') && typeof v === 'string' ? (itemNames.get(v) ?? v) : typeof v === 'string' ? v : JSON.stringify(v);
    return `${FIELD_LABELS[k] ?? k}：${shorten(shown ?? '', 80)}`;
  });
  return shorten(parts.join('；'), 400);
}

/** An upload's audit record: which file, on what, with which hash (the hash is what matters in court). */
function describeUpload(after: unknown, itemNames: ReadonlyMap<string, string>): string[] {
  if (typeof after !== 'object' || after === null) return [describeChange(after, itemNames)];
  const a = after as Record<string, unknown>;
  const on = typeof a.itemCode === 'string' && a.itemCode ? (itemNames.get(a.itemCode) ?? a.itemCode) : '场所';
  return [
    `文件 #${String(a.attachmentId ?? '')} ${String(a.originalName ?? '')}（${on}）${a.replacesId ? `，替换 #${String(a.replacesId)}` : ''}`,
    `SHA-256 ${String(a.sha256 ?? '')}`,
  ];
}

const shorten = (s: string, max: number) => ([...s].length > max ? `${[...s].slice(0, max - 1).join('')}…` : s);

/** 64 hex digits on two lines of 32, so a narrow column does not break them at random. */
const hashLines = (h: string) => [h.slice(0, 32), h.slice(32)];

function evidenceTable(list: EvidenceEntry[], replaced: boolean): DocxBlock {
  const widths = [700, 2600, 1650, 2100, 1500, 1088];
  return table(
    ['编号', '文件', '拍摄时间', '位置来源和与场所距离', 'SHA-256', '上传人 / 上传时间'],
    widths,
    list.map((e) => [
      String(e.attachmentId),
      [
        `${e.attachedTo}${e.phase ? `（${PHASE_LABELS[e.phase] ?? e.phase}）` : ''}`,
        `${KIND_LABELS[e.kind] ?? e.kind}：${e.originalName}（${formatBytes(e.size)}）`,
        ...(e.caption ? [`说明：${e.caption}`] : []),
        `包内：${e.path}`,
        ...(replaced ? [`已被 #${e.replacedBy} 替换`] : e.replacesId ? [`替换 #${e.replacesId}`] : []),
        ...(e.earlierRound ? ['反弹前上一轮取缔的影像，不计入本轮'] : []),
      ],
      [
        e.capturedAtLocal ? `相机时间 ${localTime(e.capturedAtLocal)}` : '',
        e.capturedAt ? `${chinaDateTime(e.capturedAt)}（北京时间）` : '',
        !e.capturedAtLocal && !e.capturedAt ? '未记录' : '',
      ],
      describeLocation(e),
      cell(hashLines(e.sha256), { mono: true, width: widths[4] }),
      [e.uploadedBy.name, chinaDateTime(e.uploadedAt)],
    ]),
  );
}

export interface DocxContext {
  /** SHA-256 fingerprint of the key the package is signed with. */
  fingerprint: string;
  /** The person the package was generated for. */
  generatedBy: string;
}

/** The Word document for one workshop. Small (text only), so it is built in memory. */
export async function renderRecordDocx(record: WorkshopRecord, ctx: DocxContext): Promise<Buffer> {
  const w = record.workshop;
  const L = enterpriseFieldLabels;
  const itemNames = new Map(record.items.map((i) => [i.code, i.name]));
  const children: DocxBlock[] = [];

  children.push(
    titleLine('土小企业取缔档案', 40),
    titleLine(w.name, 32),
    para(`依据：${record.campaign.issuer}《${record.campaign.title}》（${record.campaign.documentNumber}）`, { align: AlignmentType.CENTER, size: 20 }),
    para(`${record.district} ${w.town.name}${w.village ? ` ${w.village.name}` : ''} · 档案编号 ${w.id}`, { align: AlignmentType.CENTER, size: 20 }),
    para(`证据包生成时间：${chinaDateTime(record.generatedAt)}（北京时间） 生成人：${ctx.generatedBy}`, { align: AlignmentType.CENTER, size: 20 }),
  );

  children.push(heading('一、企业基本信息'));
  children.push(
    fieldGrid([
      [L.name, w.name],
      [L.kind, w.kind.label],
      [L.townId, w.town.name],
      [L.villageId, w.village?.name ?? ''],
      [L.address, w.address],
      ['经纬度（WGS-84）', w.lat !== null && w.lng !== null ? `${w.lat}, ${w.lng}` : ''],
      [L.contactPerson, w.contactPerson],
      [L.phone, w.phone],
      [L.powerSource, w.powerSource],
      [L.powerAccount, w.powerAccount],
      [L.waterSource, w.waterSource],
      [L.landType, w.landType],
      [L.landOwner, w.landOwner],
      [L.landLease, w.landLease],
      [L.licenceBusiness, w.licenceBusiness.label],
      [L.licenceEia, w.licenceEia.label],
      [L.licenceLand, w.licenceLand.label],
      [L.productionStatus, w.productionStatus.label],
      [L.rawMaterials, w.rawMaterials],
      [L.discoverySource, w.discoverySource.label],
      [L.villageHead, w.villageHead],
      [L.townHead, w.townHead],
      [L.departmentHead, w.departmentHead],
      [L.notes, w.notes],
      ['登记时间', chinaDateTime(w.createdAt)],
      ['最后修改时间', chinaDateTime(w.updatedAt)],
    ]),
  );

  children.push(heading('二、取缔状态'));
  children.push(
    fieldGrid([
      [L.status, w.status.label],
      ['已完成标准项', `${w.itemsDone} / ${w.itemsTotal}`],
      ['状态说明', w.statusReason],
      ['档案版本号', String(w.version)],
    ]),
  );

  children.push(heading('三、取缔标准项'));
  children.push(
    table(
      ['标准项', '完成情况', '日期', '执行单位', '执行人', '备注 / 理由', '证据'],
      [1500, 1000, 1200, 1800, 1000, 2238, 900],
      record.items.map((i) => [
        i.name,
        i.state.label,
        i.date ?? '',
        i.unit,
        i.person,
        [i.note, i.reason ? `理由：${i.reason}` : ''],
        i.evidence.length ? `${i.evidence.length} 个` : '无',
      ]),
    ),
  );

  children.push(heading('四、验收结论'));
  if (record.verdicts.length === 0) children.push(para('尚无验收结论。'));
  else
    children.push(
      table(
        ['时间', '结论', '未通过原因', '发现的问题', '验收人'],
        [1900, 1300, 1800, 3238, 1400],
        record.verdicts.map((v) => [chinaDateTime(v.at), v.verdict.label, v.reasons.map((r) => r.label).join('、'), v.findings, v.inspector.name]),
      ),
    );

  children.push(heading('五、证据文件'));
  if (record.evidence.length === 0) children.push(para('暂无证据文件。'));
  else {
    children.push(para(`共 ${record.evidence.length} 个文件，原样收录在本证据包的 evidence 目录中；SHA-256 为上传时登记的值，与包内文件一致。`, { size: 20 }));
    children.push(evidenceTable(record.evidence, false));
  }

  if (record.replacedEvidence.length > 0) {
    children.push(heading('六、已替换的证据文件（历史）'));
    children.push(para('以下文件已被新文件替换，不再作为当前证据，但原文件保留不变，一并收录备查。', { size: 20 }));
    children.push(evidenceTable(record.replacedEvidence, true));
  }

  children.push(heading(record.replacedEvidence.length > 0 ? '七、变更记录' : '六、变更记录'));
  if (record.history.length === 0) children.push(para('暂无变更记录。'));
  else {
    children.push(para('审计记录构成哈希链，可用 qudi audit verify 校验；下表“审计哈希”为每条记录哈希的前 16 位，完整值见 记录.json。', { size: 20 }));
    children.push(
      table(
        ['时间', '操作人', '操作', '内容', '审计哈希'],
        [1900, 1300, 1600, 3238, 1600],
        record.history.map((h) => [
          chinaDateTime(h.at),
          h.actorName,
          actionLabel(h.action),
          h.action === 'attachment.create'
            ? describeUpload(h.after, itemNames)
            : [describeChange(h.after, itemNames), h.before !== null ? `原值：${describeChange(h.before, itemNames)}` : ''],
          cell([`#${h.id}`, h.hash.slice(0, 16)], { mono: true, width: 1600 }),
        ]),
      ),
    );
  }

  children.push(heading(record.replacedEvidence.length > 0 ? '八、核验说明' : '七、核验说明'));
  for (const line of [
    '本文件是证据包的一部分。证据包中的 manifest.json 列出包内每个文件的路径、大小和 SHA-256，manifest.sig 是服务器用 Ed25519 私钥对 manifest.json 的签名。',
    `签名公钥指纹（SHA-256）：${formatFingerprint(ctx.fingerprint)}`,
    '核验时请使用从发证机关取得的公钥（而非包内附带的 public-key.pem），运行 qudi evidence verify 证据包.zip --public-key 公钥.pem；不使用 Qudi 时的核验方法见包内 说明.txt。',
  ])
    children.push(para(line, { size: 20 }));

  return renderA4Docx({ title: `${w.name} 取缔档案`, description: `证据包 ${record.generatedAt}`, children });
}
