// Evidence files (全程影像记录) on a record: the tus upload's metadata, the edit body, the list
// query and the JSON the API answers with. One mechanism for every record type: a workshop
// ('enterprise'), its standard items ('item'), a disciplinary clue ('clue', seen only by those
// who may see the clue), a truck interception ('interception', seen by whoever sees it), and a town's
// acceptance ('town_acceptance': the signed and stamped 书面说明 and 书面材料, PDF or photographs, recordId the town's id).
import { timestamp } from './api.js';
import { fileResponse } from './contract.js';
import { isRecordId, MAX_ID } from './params.js';
import { z } from './zod.js';

/** `tip`: a public tip's photos and videos, sent from the public page with the tip's receipt code, never through /api/uploads. */
export const ATTACHMENT_RECORD_TYPES = ['enterprise', 'item', 'clue', 'interception', 'town_acceptance', 'tip'] as const;
export type AttachmentRecordType = (typeof ATTACHMENT_RECORD_TYPES)[number];

/** The records of a workshop: stored under the workshop's id, placed and measured against its site. */
export const WORKSHOP_RECORD_TYPES = ['enterprise', 'item'] as const satisfies readonly AttachmentRecordType[];
export type WorkshopRecordType = (typeof WORKSHOP_RECORD_TYPES)[number];

/** 'document' (PDF) only on records that take documents as evidence (see acceptsDocuments). */
export const EVIDENCE_KINDS = ['photo', 'video', 'document'] as const;
export type EvidenceKindName = (typeof EVIDENCE_KINDS)[number];

/**
 * Whether a record takes documents (PDF) besides photos and videos: a clue's evidence is often a
 * receipt, a statement or a scanned record. A workshop's is 全程影像记录, images only, as the notice says.
 */
export const acceptsDocuments = (recordType: string | null | undefined): boolean => recordType === 'clue' || recordType === 'town_acceptance';

/** Before or after the action it documents (e.g. the meter before and after the power is cut); '' untagged. */
export const EVIDENCE_PHASES = ['before', 'after', ''] as const;
export type EvidencePhase = (typeof EVIDENCE_PHASES)[number];

export const LOCATION_SOURCES = ['exif', 'device'] as const;
export type LocationSourceName = (typeof LOCATION_SOURCES)[number];

/** The Upload-Metadata keys a client may send with a tus upload (values base64 as the protocol says). */
export const UPLOAD_METADATA_KEYS = [
  'recordType',
  'recordId',
  'itemCode',
  'filename',
  'caption',
  'phase',
  'deviceLat',
  'deviceLng',
  'deviceAccuracy',
  'replacesId',
] as const;

/** A clue's files are not shot before or after a shutdown. */
export const CLUE_PHASE_MESSAGE = '违纪线索的附件不区分“取缔前”“取缔后”，请不要提供拍摄阶段（phase）';
/** Nor is a truck interception's. */
export const INTERCEPTION_PHASE_MESSAGE = '车辆查处的照片不区分“取缔前”“取缔后”，请不要提供拍摄阶段（phase）';

/** Nor are a town's acceptance documents. */
export const TOWN_ACCEPTANCE_PHASE_MESSAGE = '镇街验收的文件不区分“取缔前”“取缔后”，请不要提供拍摄阶段（phase）';

/** The refusal of a shooting phase on a record that has none (clues, interceptions, a town's acceptance); undefined where phases apply. */
export function phaseRefusal(recordType: string): string | undefined {
  if (recordType === 'clue') return CLUE_PHASE_MESSAGE;
  if (recordType === 'interception') return INTERCEPTION_PHASE_MESSAGE;
  if (recordType === 'tip') return TIP_PHASE_MESSAGE;
  return recordType === 'town_acceptance' ? TOWN_ACCEPTANCE_PHASE_MESSAGE : undefined;
}

/** Nor are a public tip's photos. */
export const TIP_PHASE_MESSAGE = '群众举报的照片不区分“取缔前”“取缔后”';

const DECIMAL = /^-?\d{1,3}(\.\d{1,20})?$/;
const ID = /^[1-9]\d{0,14}$/;

const decimal = (what: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(DECIMAL, { error: `${what}应为数字` })
    .transform(Number)
    .pipe(z.number().min(min, { error: `${what}应在 ${min} 到 ${max} 之间` }).max(max, { error: `${what}应在 ${min} 到 ${max} 之间` }));

/** A record's id as tus metadata carries it: digits, within what the databases hold (MAX_ID). */
const idDigits = (what: string) =>
  z
    .string({ error: `请提供${what}` })
    .trim()
    .regex(ID, { error: `${what}不正确`, abort: true })
    .refine((v) => isRecordId(Number(v)), { error: `${what}超出范围（最大 ${MAX_ID}）` });

const idText = (what: string) => idDigits(what).transform(Number);

const metadataObject = z
  .strictObject(
    {
      recordType: z.enum(ATTACHMENT_RECORD_TYPES, { error: '记录类型应为企业（enterprise）、取缔标准项（item）、违纪线索（clue）、车辆查处（interception）或镇街验收（town_acceptance）' }),
      recordId: idDigits('记录编号'),
      itemCode: z.string().trim().max(40, { error: '取缔标准项代码过长' }).regex(/^[a-z][a-z0-9_-]*$/, { error: '取缔标准项代码不正确' }).optional(),
      filename: z.string({ error: '请提供文件名' }).trim().min(1, { error: '请提供文件名' }).max(255, { error: '文件名不能超过 255 个字' }),
      caption: z.string().trim().max(500, { error: '说明不能超过 500 个字' }).default(''),
      phase: z.enum(EVIDENCE_PHASES, { error: '拍摄阶段应为“取缔前”（before）或“取缔后”（after）' }).default(''),
      deviceLat: decimal('设备定位纬度', -90, 90).optional(),
      deviceLng: decimal('设备定位经度', -180, 180).optional(),
      deviceAccuracy: z
        .string()
        .trim()
        .regex(/^\d{1,7}(\.\d{1,6})?$/, { error: '定位精度应为不小于 0 的数字（米）' })
        .transform(Number)
        .optional(),
      replacesId: idText('被替换文件的编号').optional(),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys' ? `不支持的上传信息字段：${issue.keys.join('、')}（可用：${UPLOAD_METADATA_KEYS.join('、')}）` : undefined,
    },
  )
  .superRefine((m, ctx) => {
    if (m.recordType === 'item' && !m.itemCode) ctx.addIssue({ code: 'custom', path: ['itemCode'], message: '上传到取缔标准项时须提供标准项代码（itemCode）' });
    if (m.recordType !== 'item' && m.itemCode) ctx.addIssue({ code: 'custom', path: ['itemCode'], message: '只有上传到取缔标准项时才提供标准项代码（itemCode）' });
    const noPhase = phaseRefusal(m.recordType);
    if (noPhase && m.phase) ctx.addIssue({ code: 'custom', path: ['phase'], message: noPhase });
    if ((m.deviceLat === undefined) !== (m.deviceLng === undefined))
      ctx.addIssue({ code: 'custom', path: [m.deviceLat === undefined ? 'deviceLat' : 'deviceLng'], message: '设备定位的经度和纬度须同时提供' });
    if (m.deviceAccuracy !== undefined && m.deviceLat === undefined)
      ctx.addIssue({ code: 'custom', path: ['deviceAccuracy'], message: '提供定位精度时须同时提供设备定位的经纬度' });
  });

/**
 * The tus Upload-Metadata of an evidence upload, decoded (the tus server hands over a map of
 * strings, null for a key sent without a value). Empty values count as absent; unknown keys are refused.
 */
export const uploadMetadataSchema = z.preprocess(
  (raw) =>
    raw && typeof raw === 'object'
      ? Object.fromEntries(Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, v === null || v === '' ? undefined : v]))
      : raw,
  metadataObject,
);
export type UploadMetadata = z.infer<typeof uploadMetadataSchema>;

/** PATCH /api/attachments/:id — only the words around a file change; the file never does. */
export const attachmentPatchSchema = z
  .strictObject({
    caption: z.string().trim().max(500, { error: '说明不能超过 500 个字' }).optional(),
    phase: z.enum(EVIDENCE_PHASES, { error: '拍摄阶段应为“取缔前”（before）、“取缔后”（after）或空' }).optional(),
  })
  .refine((p) => p.caption !== undefined || p.phase !== undefined, { error: '请提供要修改的说明（caption）或拍摄阶段（phase）' });
export type AttachmentPatch = z.infer<typeof attachmentPatchSchema>;

/** GET /api/enterprises/:id/attachments */
export const attachmentListQuerySchema = z.strictObject({
  /** true: replaced files too (the record's history). */
  history: z.enum(['true', 'false'], { error: 'history 应为 true 或 false' }).default('false').transform((v) => v === 'true'),
  itemCode: z.string().max(40).optional(),
});

/** The media types an evidence file can have (what the upload's sniffing accepts; PDF only on a clue). */
export const EVIDENCE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/heic', 'image/heif', 'video/mp4', 'video/quicktime', 'application/pdf'] as const;

/** An evidence file's bytes as an answer: one of the media types it can have, as the file's `mime` says. */
export function evidenceFileResponse(description: string) {
  return { description, content: Object.assign({}, ...EVIDENCE_MEDIA_TYPES.map((t) => fileResponse(t, description).content)) as ReturnType<typeof fileResponse>['content'] };
}

export const attachmentDto = z
  .object({
    id: z.number().int(),
    recordType: z.enum(ATTACHMENT_RECORD_TYPES).meta({ description: '所属记录：enterprise 企业、item 取缔标准项、clue 违纪线索、interception 车辆查处、town_acceptance 镇街验收、tip 群众举报' }),
    itemCode: z.string().nullable().meta({ description: '取缔标准项代码（recordType 为 item 时），否则为 null' }),
    kind: z.enum(EVIDENCE_KINDS).meta({ description: 'photo 照片、video 视频、document 文档（PDF，仅违纪线索）' }),
    mime: z.string().meta({ description: `文件的实际类型（由文件内容判定）：${EVIDENCE_MEDIA_TYPES.join('、')}` }),
    /** Bytes. */
    size: z.number().int().meta({ description: '文件大小（字节）' }),
    sha256: z.string().meta({ description: '文件内容的 SHA-256（十六进制），亦为下载时的 ETag' }),
    originalName: z.string().meta({ description: '上传时的文件名' }),
    caption: z.string().meta({ description: '说明' }),
    phase: z.enum(EVIDENCE_PHASES).meta({ description: '拍摄阶段：before 取缔前、after 取缔后、空字符串为未标注' }),
    /** Capture time as the camera's clock showed it (EXIF), `YYYY-MM-DDTHH:mm:ss`, no zone. */
    capturedAtLocal: z.string().nullable().meta({ description: '拍摄时间（相机时钟，EXIF），YYYY-MM-DDTHH:mm:ss，不含时区；未知为 null' }),
    /** The same with its UTC offset, when the photo records one. */
    capturedAt: z.string().nullable().meta({ description: '拍摄时间（含时差，照片记录了时差时），否则为 null' }),
    /** Where it was taken: the photo's GPS, else the device's geolocation at upload (see locationSource). */
    gps: z
      .object({ lat: z.number(), lng: z.number() })
      .nullable()
      .meta({ description: '拍摄位置：照片自带的 GPS，否则为上传时设备的定位（见 locationSource）；未知为 null' }),
    locationSource: z.enum(LOCATION_SOURCES).nullable().meta({ description: '位置来源：exif 照片自带、device 上传时设备定位' }),
    deviceAccuracyM: z.number().nullable().meta({ description: '设备定位的精度（米）' }),
    /** Whole metres from the workshop's coordinates; null when either position is unknown, and on a clue (no site). */
    distanceM: z.number().int().nullable().meta({ description: '与企业位置的距离（整米）；任一位置未知或为违纪线索的文件时为 null' }),
    /** Farther than the configured distance (EVIDENCE_MAX_DISTANCE_M). */
    far: z.boolean().meta({ description: '距企业超过设定的距离（列表的 maxDistanceM）' }),
    /** The uploader's display name. */
    uploadedBy: z.string().meta({ description: '上传人' }),
    /** Server receipt time (ISO-8601, UTC). */
    uploadedAt: timestamp,
    replacesId: z.number().int().nullable().meta({ description: '此文件替换的文件编号' }),
    replacedBy: z.number().int().nullable().meta({ description: '替换此文件的文件编号；不为 null 时此文件已被替换' }),
    /**
     * Uploaded before a recurrence (反弹) reopened the workshop's shutdown: kept in the record, but
     * it counts for no item of the shutdown done again.
     */
    earlierRound: z.boolean().meta({ description: '反弹重新取缔之前的文件：保留在档案中，但不计入重新取缔的标准项' }),
    /** `/api/attachments/:id/file` */
    fileUrl: z.string().meta({ description: '原件地址（/api/attachments/{id}/file）' }),
    /** `/api/attachments/:id/thumbnail`, or null when there is none (videos, documents, photos that cannot be decoded). */
    thumbnailUrl: z.string().nullable().meta({ description: '缩略图地址（/api/attachments/{id}/thumbnail）；视频、文档和无法解码的照片为 null' }),
    abilities: z
      .object({
        /** Edit caption and phase; upload a replacement (tus, metadata replacesId). */
        update: z.boolean().meta({ description: '可修改说明和拍摄阶段，可上传替换文件（tus，Upload-Metadata 的 replacesId）' }),
      })
      .meta({ description: '当前用户对此文件可做的操作' }),
  })
  .meta({ id: 'Attachment', description: '证据文件（现场照片、视频；违纪线索的附件另可为 PDF 文档）' });
export type AttachmentDto = z.infer<typeof attachmentDto>;

const bytes = (what: string) => z.number().int().meta({ description: `${what}（字节）` });

export const attachmentListDto = z
  .object({
    items: z.array(attachmentDto),
    total: z.number().int().meta({ description: '文件数' }),
    /** Photos farther than this from the workshop are flagged (far). */
    maxDistanceM: z.number().meta({ description: '距企业超过此距离（米）的照片标为 far' }),
    /** Largest accepted file per kind, in bytes. */
    limits: z.object({ photoMaxBytes: bytes('照片的大小上限'), videoMaxBytes: bytes('视频的大小上限') }),
  })
  .meta({ description: '企业及其取缔标准项的证据文件' });
export type AttachmentListDto = z.infer<typeof attachmentListDto>;

/** GET /api/self-inspection/clues/:id/attachments, GET /api/interceptions/:id/attachments */
export const clueAttachmentListQuerySchema = z.strictObject({
  /** true: replaced files too (the clue's history). */
  history: z.enum(['true', 'false'], { error: 'history 应为 true 或 false' }).default('false').transform((v) => v === 'true'),
});

/** The files of a record that is not a workshop (a clue, an interception), and whether the reader may add more. */
function recordFilesDto(id: string, description: string, upload: string) {
  return z
    .object({
      items: z.array(attachmentDto),
      total: z.number().int().meta({ description: '文件数' }),
      /** Largest accepted file per kind, in bytes (a document as large as a photo; documents only on clues). */
      limits: z.object({ photoMaxBytes: bytes('照片的大小上限'), videoMaxBytes: bytes('视频的大小上限'), documentMaxBytes: bytes('PDF 文档的大小上限（违纪线索和镇街验收文件）') }),
      abilities: z.object({ upload: z.boolean().meta({ description: upload }) }).meta({ description: '当前用户对这些附件可做的操作' }),
    })
    .meta({ id, description });
}

/** A clue's files; reading them is audited like reading the clue. */
export const tipAttachmentListDto = recordFilesDto('TipAttachments', '群众举报附带的照片、视频（不向公众显示）', '始终为 false：照片只能由举报人在举报页面提交');
export const clueAttachmentListDto = recordFilesDto('ClueAttachments', '违纪线索的附件（每次查阅记入审计日志）', '可添加附件（tus，Upload-Metadata 的 recordType=clue）：线索办结前');
/** A truck interception's photos and videos. */
export const interceptionAttachmentListDto = recordFilesDto('InterceptionAttachments', '查处车辆的照片、视频', '可添加照片、视频（tus，Upload-Metadata 的 recordType=interception）：查处部门和办公室');
/** A town's acceptance documents: the signed, stamped 书面说明 and 书面材料 (PDF or photographs). */
export const townAcceptanceAttachmentListDto = recordFilesDto(
  'TownAcceptanceAttachments',
  '镇街验收的文件：主要负责人签字的书面说明、盖章的书面材料等（PDF 或照片）',
  '可添加文件（tus，Upload-Metadata 的 recordType=town_acceptance，recordId 为镇街编号）：该镇街的工作人员、主要负责人和办公室',
);
/** The files of a record that is not a workshop (the same shape for clues and interceptions). */
export type RecordAttachmentListDto = z.infer<typeof clueAttachmentListDto>;
export type ClueAttachmentListDto = RecordAttachmentListDto;
/** The record's files, replaced ones too with `history=true`. */
export const recordFilesQuerySchema = clueAttachmentListQuerySchema;

/** GET /api/uploads/:id — an upload's id as the tus server made it (the last segment of its URL). */
export const uploadParams = z.strictObject({ id: z.string().regex(/^[0-9a-f]{16,64}$/, { error: '上传编号不正确' }) });

/** The body of the response that completes an upload (also named by the Qudi-Attachment-Id header). */
export const uploadResultDto = z
  .object({
    attachment: attachmentDto,
    /** True when the same bytes were already on this record: nothing new was stored or recorded. */
    duplicate: z.boolean().meta({ description: '同一记录上已有内容相同的文件：没有存入或记录新的文件，attachment 为已有的那个' }),
  })
  .meta({ id: 'UploadResult', description: '完成的上传成为的证据文件' });
export type UploadResultDto = z.infer<typeof uploadResultDto>;
