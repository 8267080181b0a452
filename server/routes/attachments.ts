// Evidence files: a workshop's list (its own files and its items'), each file and its thumbnail
// streamed from storage (with byte ranges, for video seeking), and caption/phase edits. Uploads
// are in uploads.ts; a clue's list is with the clue routes (selfInspection.ts). Everything outside
// the caller's scope answers 404, guessed ids included; a clue's file is read only by whoever may
// read the clue, and each reading of it is audited.
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  attachmentDto,
  attachmentListDto,
  attachmentListQuerySchema,
  attachmentPatchSchema,
  evidenceFileResponse,
  type AttachmentDto,
  type AttachmentListDto,
} from '../../domain/attachment.js';
import { fileResponse, TAGS } from '../../domain/contract.js';
import { idParams } from '../../domain/params.js';
import { readAttachment, type AttachmentPart, type AttachmentReading } from '../commands/readAttachment.js';
import { updateAttachment } from '../commands/updateAttachment.js';
import { viewAttachment } from '../commands/viewAttachment.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import { sendProblem } from '../plugins/errorHandler.js';
import { presentAttachment, presentWorkshopAttachments } from '../presenters/attachment.js';
import { listEnterpriseAttachments } from '../repositories/attachments.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { sha256OfKey } from '../storage/keys.js';

/** RFC 6266/5987: an ASCII fallback (non-ASCII and quoting characters replaced) plus the UTF-8 name. */
export function inlineDisposition(name: string, disposition: 'inline' | 'attachment' = 'inline'): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * One `Range: bytes=…` (RFC 9110 §14.1.2) against an object of `size` bytes: the inclusive range,
 * 'unsatisfiable', or null for no (or an unusable, or a multi-) range, which answers the whole file.
 */
export function parseByteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Number(m[2]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) return null;
  if (start >= size) return 'unsatisfiable';
  if (end < start) return null;
  return { start, end: Math.min(end, size - 1) };
}

const etagOf = (sha256: string) => `"${sha256}"`;

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag;
  });
}

/** 304 to a conditional request whose If-None-Match names the file's ETag (its SHA-256): no body (documentation only). */
const notModified = {
  description: '未修改：If-None-Match 与文件的 ETag（SHA-256）相符，浏览器使用已缓存的内容（无内容）',
  headers: { ETag: { type: 'string', description: '文件内容的 SHA-256（带引号）' } },
  type: 'null',
};


export function attachmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** This request as a reading of a file's `part` (audited for a clue's file). */
  function reading(request: FastifyRequest, part: AttachmentPart): AttachmentReading {
    const range = request.headers.range;
    return { part, method: request.method, range: typeof range === 'string' ? range : undefined };
  }

  /** The file's details; `read` null when answering a change (the change is audited, answering it is not another reading). */
  async function present(request: FastifyRequest, id: number, read: AttachmentReading | null): Promise<AttachmentDto> {
    const actor = request.requireActor();
    const { row, owner } = await viewAttachment(ctx, actor, { id, reading: read });
    return presentAttachment(row, actor, owner);
  }

  /**
   * Streams a stored object with the headers a browser needs to show, seek and cache it safely.
   * With its size known, one byte range is served (206) for video seeking; without, the whole object.
   */
  async function stream(
    request: FastifyRequest,
    reply: FastifyReply,
    o: { key: string; sha256: string; size?: number; mime: string; name: string; confidential: boolean },
  ) {
    const etag = etagOf(o.sha256);
    const ifRange = request.headers['if-range'];
    const range = o.size === undefined || (ifRange && ifRange !== etag) ? null : parseByteRange(request.headers.range, o.size);
    if (range === 'unsatisfiable') {
      reply.header('content-range', `bytes */${o.size}`);
      return sendProblem(reply, 'range_not_satisfiable', `请求的字节范围超出了文件大小（${o.size} 字节）`);
    }
    reply
      .header('content-type', o.mime)
      .header('etag', etag)
      // The bytes behind an id never change, but who may see them can: private, and not for ever.
      // A clue's file is never kept by the browser: every view comes here, and is audited.
      .header('cache-control', o.confidential ? 'no-store' : 'private, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .header('content-disposition', inlineDisposition(o.name));
    if (o.size !== undefined) reply.header('accept-ranges', 'bytes');
    if (etagMatches(request.headers['if-none-match'], etag)) return reply.status(304).send();
    if (range) reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${o.size}`);
    if (o.size !== undefined) reply.header('content-length', String(range ? range.end - range.start + 1 : o.size));
    // HEAD: an empty stream, so that Fastify's HEAD handling keeps the Content-Length set above.
    if (request.method === 'HEAD') return reply.send(Readable.from([]));
    return reply.send(await ctx.storage.open(o.key, range ?? undefined));
  }

  r.get('/api/enterprises/:id/attachments', {
    config: { action: 'attachment.read' },
    schema: {
      tags: [TAGS.evidence.name],
      summary: '企业及其取缔标准项的证据文件（现场照片、视频）；history=true 时含已被替换的文件',
      params: idParams,
      querystring: attachmentListQuerySchema,
      response: { 200: attachmentListDto },
    },
  }, async (request): Promise<AttachmentListDto> => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const enterprise = await findEnterprise(ctx.db, request.params.id);
    if (!enterprise || enterprise.campaign_id !== campaign.id) throw notFound();
    request.authorize('attachment.read', { recordType: 'enterprise', orgPath: enterprise.org_path }, 'attachment.read');
    const rows = await listEnterpriseAttachments(ctx.db, enterprise.id, { history: request.query.history, itemCode: request.query.itemCode });
    return presentWorkshopAttachments(rows, actor, enterprise, campaign.definition.standardItems, {
      maxDistanceM: ctx.config.evidenceMaxDistanceMetres,
      limits: ctx.config.evidenceLimits,
    });
  });

  r.get('/api/attachments/:id', {
    config: { action: 'attachment.read' },
    schema: { tags: [TAGS.evidence.name], summary: '一个证据文件的信息（违纪线索的文件：每次查阅记入审计）', params: idParams, response: { 200: attachmentDto } },
  }, async (request) => present(request, request.params.id, reading(request, 'info')));

  r.get('/api/attachments/:id/file', {
    config: { action: 'attachment.read', problems: ['range_not_satisfiable'] },
    schema: {
      tags: [TAGS.evidence.name],
      summary: '证据文件原件（与上传时逐字节相同；支持 Range 分段读取；违纪线索的文件每次读取记入审计）',
      params: idParams,
      response: {
        200: evidenceFileResponse('证据文件原件，类型为文件的实际类型（照片、视频，违纪线索另可为 PDF）；ETag 为其 SHA-256，Accept-Ranges: bytes'),
        206: evidenceFileResponse('Range 请求的一段（Content-Range: bytes 起-止/大小），用于视频拖动播放'),
        304: notModified,
      },
    },
  }, async (request, reply) => {
    const row = await readAttachment(ctx, request.requireActor(), { id: request.params.id, reading: reading(request, 'file') });
    return stream(request, reply, { key: row.storage_key, sha256: row.sha256, size: row.size, mime: row.mime, name: row.original_name, confidential: row.record_type === 'clue' });
  });

  r.get('/api/attachments/:id/thumbnail', {
    config: { action: 'attachment.read' },
    schema: {
      tags: [TAGS.evidence.name],
      summary: '证据照片的缩略图（JPEG，不含 EXIF 等元数据；违纪线索的文件每次读取记入审计）',
      params: idParams,
      response: { 200: fileResponse('image/jpeg', '缩略图（JPEG，不含 EXIF 等元数据）；没有缩略图的文件（视频、文档）答复 404'), 304: notModified },
    },
  }, async (request, reply) => {
    const row = await readAttachment(ctx, request.requireActor(), { id: request.params.id, reading: reading(request, 'thumbnail') });
    const sha256 = row.thumbnail_key ? sha256OfKey(row.thumbnail_key) : null;
    if (!row.thumbnail_key || !sha256) throw notFound('此文件没有缩略图');
    const base = row.original_name.replace(/\.[^.]*$/, '');
    return stream(request, reply, { key: row.thumbnail_key, sha256, mime: 'image/jpeg', name: `${base}-缩略图.jpg`, confidential: row.record_type === 'clue' });
  });

  r.patch('/api/attachments/:id', {
    config: { action: 'attachment.update', problems: ['conflict'] },
    schema: {
      tags: [TAGS.evidence.name],
      summary: '修改证据文件的说明或拍摄阶段（文件本身不可更改；已被替换的文件答复 409 conflict）',
      params: idParams,
      body: attachmentPatchSchema,
      response: { 200: attachmentDto },
    },
  }, async (request) => {
    await updateAttachment(ctx, request.requireActor(), { id: request.params.id, patch: request.body });
    // The change itself is audited; answering it is not another reading.
    return present(request, request.params.id, null);
  });
}
