// Resumable evidence uploads with the tus protocol (https://tus.io/protocols/resumable-upload):
// POST /api/uploads creates an upload (Upload-Length and Upload-Metadata; the body may carry the
// first bytes), HEAD /api/uploads/:id answers how much has arrived, PATCH appends from there,
// DELETE abandons it. The upload that completes is taken in as an evidence file (finishUpload) and
// answered with its id (header Qudi-Attachment-Id) and, as JSON, the file as the list shows it.
//
// Crash-safe: the staged bytes are on disk before a PATCH is answered and the upload's state is a
// database row (uploads/stagingStore.ts), so after a restart HEAD answers the offset acknowledged.
// An upload whose bytes are all here is recorded exactly once by whichever request finds it
// complete: the last PATCH, a repeated (empty) PATCH, a HEAD, GET /api/uploads/:id (the client asks
// when an answer carried no attachment id), or the sweep at start-up; every later asker gets the
// same attachment id (HEAD: the header; PATCH and GET: the header and the JSON).
//
// The tus server (@tus/server) sees the raw request stream: this route scope parses no bodies and
// the handler hijacks the reply. Sign-in is the session cookie as on every route; the policy check
// is made in the tus hooks: creation checks `evidence.upload` on the named record, resuming checks
// that the upload is the caller's own (`evidence.resume`), completion checks `evidence.upload` again.
import fsp from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { ERRORS, MemoryLocker, Server } from '@tus/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { acceptsDocuments, UPLOAD_METADATA_KEYS, uploadParams, uploadResultDto, type UploadResultDto } from '../../domain/attachment.js';
import { TAGS } from '../../domain/contract.js';
import type { Actor } from '../auth/actor.js';
import { beginUpload } from '../commands/beginUpload.js';
import { finishStrandedUpload, finishUpload, uploadMetadataOf, uploadOutcome, type FinishedUpload, type StagedUpload } from '../commands/finishUpload.js';
import { isRefusal } from '../commands/lib/evidenceFile.js';
import type { AppContext } from '../context.js';
import { AppError, notFound, type ErrorCode, type FieldError } from '../errors.js';
import { checkEvidenceSize, formatSize, sniffEvidenceBytes, type EvidenceLimits } from '../intake/index.js';
import { PROBLEM_CONTENT_TYPE, problemDocument } from '../plugins/errorHandler.js';
import { presentAttachment } from '../presenters/attachment.js';
import { findUpload, type UploadRecord } from '../repositories/uploads.js';
import { StagingStore, UPLOADER_KEY } from '../uploads/stagingStore.js';

export const UPLOAD_PATH = '/api/uploads';
/** Response header of the request that completes an upload: the evidence file's id. */
export const ATTACHMENT_ID_HEADER = 'Qudi-Attachment-Id';
/** Unfinished uploads are kept this long from their creation (a complete one is recorded, whatever its age). */
export const UPLOAD_EXPIRY_MS = 24 * 3600_000;
/** How long a finished upload still answers its outcome (to a phone that was offline when it finished). */
export const FINISHED_UPLOAD_KEPT_MS = 30 * 24 * 3600_000;
const SWEEP_INTERVAL_MS = 3600_000;

const largest = (limits: EvidenceLimits) => Math.max(limits.photoMaxBytes, limits.videoMaxBytes);

function tooLargeMessage(limits: EvidenceLimits, size?: number): string {
  const of = size === undefined ? '' : `（此文件 ${formatSize(size, 'up')}）`;
  return `文件过大：照片不能超过 ${formatSize(limits.photoMaxBytes)}，视频不能超过 ${formatSize(limits.videoMaxBytes)}${of}`;
}

/** The tus library's own refusals, in Chinese, keyed by the text it answers with. */
const TUS_REFUSALS = new Map<string, [ErrorCode, string, number?]>([
  [ERRORS.FILE_NOT_FOUND.body, ['not_found', '上传不存在或已结束，请重新上传']],
  [ERRORS.FILE_NO_LONGER_EXISTS.body, ['upload_expired', '上传已过期（未完成的上传保留 24 小时），请重新上传']],
  [ERRORS.INVALID_OFFSET.body, ['conflict', '续传位置与服务器不一致：请先查询已收到的字节数（HEAD）再续传']],
  [ERRORS.ERR_SIZE_EXCEEDED.body, ['payload_too_large', '上传的数据超过了创建上传时声明的文件大小（Upload-Length）']],
  [ERRORS.INVALID_LENGTH.body, ['validation_failed', '创建上传时须给出文件大小（Upload-Length）']],
  [ERRORS.UNSUPPORTED_CREATION_DEFER_LENGTH_EXTENSION.body, ['validation_failed', '不支持延迟声明文件大小（Upload-Defer-Length）：请在创建上传时给出文件大小（Upload-Length）']],
  [ERRORS.UNSUPPORTED_CONCATENATION_EXTENSION.body, ['validation_failed', '不支持并行分段上传（Upload-Concat），请关闭客户端的并行上传']],
  [ERRORS.INVALID_METADATA.body, ['validation_failed', '上传信息（Upload-Metadata）格式不正确：应为逗号分隔的“键 Base64值”']],
  [ERRORS.MISSING_OFFSET.body, ['validation_failed', '续传时须给出已上传的字节数（Upload-Offset）']],
  [ERRORS.INVALID_CONTENT_TYPE.body, ['unsupported_media_type', '上传数据的内容类型应为 application/offset+octet-stream']],
  [ERRORS.ABORTED.body, ['validation_failed', '上传被中断：请查询已收到的字节数后续传']],
  [ERRORS.INVALID_TERMINATION.body, ['conflict', '已完成的上传不能取消']],
  [ERRORS.ERR_LOCK_TIMEOUT.body, ['conflict', '该上传正由另一个请求处理，请稍后查询进度再续传']],
]);

/** Chinese for the statuses the tus server answers without an error object (protocol checks). */
const BY_STATUS: Record<number, [ErrorCode, string]> = {
  400: ['validation_failed', '上传请求的协议头不正确'],
  404: ['not_found', '上传不存在'],
  412: ['precondition_failed', '请使用 tus 1.0.0 协议上传（缺少 Tus-Resumable 请求头）'],
};

// What the tus routes answer, for the document only: they write their own answers (send()), so
// these plain JSON Schema entries are not used to serialize anything. Their refusals are problem
// documents like every other route's, declared through config.problems.
const tusHeader = { 'Tus-Resumable': { type: 'string', description: 'tus 协议版本：1.0.0' } };
const offsetHeader = { 'Upload-Offset': { type: 'integer', description: '服务器已收到并保存的字节数' } };
const expiresHeader = { 'Upload-Expires': { type: 'string', description: '未完成的上传在此时间后作废（HTTP 日期，创建后 24 小时）' } };
const attachmentIdHeader = { [ATTACHMENT_ID_HEADER]: { type: 'integer', description: '上传已完成：成为的证据文件的编号（同一内容已在此记录上时为已有文件的编号）' } };
/** The JSON of a completing answer: the UploadResult component (what GET /api/uploads/{id} answers). */
const uploadResultBody = { type: 'object', allOf: [{ $ref: '#/components/schemas/UploadResult' }] };
/** The refusals the tus protocol layer answers with statuses of its own, noted on every tus operation. */
const TUS_STATUSES_NOTE =
  '协议层面的错误同样以 application/problem+json 答复：缺少 Tus-Resumable 请求头答复 412（precondition_failed），上传已过期（未完成的上传保留 24 小时）答复 410（upload_expired）。';

function problemBody(code: ErrorCode, detail: string, status?: number, errors?: FieldError[]): { status_code: number; body: string } {
  const doc = problemDocument(code, detail, errors, status);
  return { status_code: doc.status, body: JSON.stringify(doc) };
}

/**
 * A web Request over the raw Node request, for the tus server: headers copied, the body a stream
 * of the raw request created only when the tus server reads it, so that nothing consumes the bytes
 * before they reach the staging file.
 */
function webRequestOf(request: FastifyRequest, reply: FastifyReply): Request {
  const raw = request.raw;
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = raw.method ?? 'GET';
  // The host is not used: locations are relative, and the upload id is the last path segment.
  const web = new Request(new URL(raw.url ?? '/', 'http://qudi.invalid'), { method, headers });
  let body: ReadableStream | null | undefined;
  Object.defineProperty(web, 'body', {
    get: () => (body ??= method === 'POST' || method === 'PATCH' ? webBodyOf(raw) : null),
  });
  // What @tus/server looks for to notice a client that went away mid-upload.
  Object.defineProperty(web, 'runtime', { value: { name: 'node', node: { req: raw, res: reply.raw } } });
  return web;
}

/**
 * The raw request body as a web stream that takes the next chunk off the request only when the
 * reader asks for one (no queue of its own: the socket's backpressure holds) and hands the chunks
 * on as they are. Readable.toWeb would copy every chunk into a new Uint8Array (to detach it from a
 * buffer pool, which request bodies do not use: each socket read has its own memory) and pause and
 * resume the socket per chunk: for a 1 GB video a gigabyte of extra copying and garbage.
 */
function webBodyOf(raw: IncomingMessage): ReadableStream<Uint8Array> {
  const chunks: AsyncIterator<Buffer> = raw[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      // As Readable.toWeb does: a reader that gives up destroys the request.
      cancel(reason) {
        raw.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

export async function uploadRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const directory = path.join(ctx.config.dataDir, 'uploads');
  await fsp.mkdir(directory, { recursive: true });
  /** The Fastify request behind each web request handed to the tus server (for the actor and authorize). */
  const requests = new WeakMap<object, FastifyRequest>();
  /** The attachment a HEAD found its upload had become, for the answer's header. */
  const recordedAs = new WeakMap<object, number>();
  /** Completions under way in this process, by upload id: a second asker waits for the first. */
  const finishing = new Map<string, Promise<FinishedUpload>>();

  const fastifyRequest = (req: object): FastifyRequest => {
    const request = requests.get(req);
    if (!request) throw new Error('upload request without its Fastify request');
    return request;
  };

  const store = new StagingStore({
    directory,
    db: ctx.db,
    expirationMs: UPLOAD_EXPIRY_MS,
    // Refuse a wrong file, or a photo over the photo limit, after its first chunk rather than at the end.
    inspectHead: async (head, length, metadata) => {
      const sniffed = await sniffEvidenceBytes(head, { documents: acceptsDocuments(metadata?.recordType) });
      if (!sniffed.ok) throw new AppError(sniffed.code, sniffed.message);
      const tooLarge = length === undefined ? null : checkEvidenceSize(sniffed.kind, length, ctx.config.evidenceLimits);
      if (tooLarge) throw new AppError(tooLarge.code, tooLarge.message);
    },
  });

  const tus = new Server({
    path: UPLOAD_PATH,
    datastore: store,
    locker: new MemoryLocker(),
    relativeLocation: true,
    respectForwardedHeaders: false,
    // Same origin only: no CORS headers at all.
    allowedOrigins: () => false,
    exposedHeaders: [ATTACHMENT_ID_HEADER],
    disableTerminationForFinishedUploads: true,
    maxSize: () => largest(ctx.config.evidenceLimits),

    onIncomingRequest: async (req, id) => {
      if (req.method === 'POST') return; // creation: checked in onUploadCreate
      const request = fastifyRequest(req);
      const row = await ownUpload(request, id);
      // A HEAD or a (repeated, empty) PATCH after a restart may find every byte here and nothing
      // recorded: it finishes the upload first, whatever its age (a complete upload never expires).
      if (req.method === 'DELETE') return;
      // Finished: its staged bytes (left by a crash before they went) have served.
      if (row.finished_at !== null) await store.discardBytes(id);
      if (row.attachment_id !== null) recordedAs.set(req, row.attachment_id);
      else if (row.finished_at === null && (await store.stagedBytes(id)) === row.size) recordedAs.set(req, (await finish(request.requireActor(), row)).attachmentId);
    },

    onUploadCreate: async (req, upload) => {
      const request = fastifyRequest(req);
      const actor = request.requireActor();
      // Before anything else about the upload is looked at: a user who may never see clues is
      // answered 404 for an upload naming a clue, malformed or not, exactly as the clue routes answer.
      if (upload.metadata?.recordType === 'clue') request.authorize('clue.list', null, 'clue.list');
      const meta = uploadMetadataOf(upload.metadata, false);
      const limits = ctx.config.evidenceLimits;
      if (upload.size === undefined) throw new AppError('validation_failed', '创建上传时须给出文件大小（Upload-Length）');
      // The kind is not known before the bytes arrive; past the largest limit nothing can be accepted.
      if (upload.size > largest(limits)) throw new AppError('payload_too_large', tooLargeMessage(limits, upload.size));
      await beginUpload(ctx, actor, meta);
      return { metadata: { ...upload.metadata, [UPLOADER_KEY]: String(actor.id) } };
    },

    onUploadFinish: async (req, upload) => {
      const request = fastifyRequest(req);
      const actor = request.requireActor();
      const row = await findUpload(ctx.db, upload.id);
      if (!row) throw notFound('上传不存在或已结束，请重新上传');
      const done = await finish(actor, row);
      return {
        // tus answers a completing PATCH with 204, which cannot carry the JSON; creation keeps its 201 and Location.
        ...(req.method === 'PATCH' ? { status_code: 200 } : {}),
        headers: { [ATTACHMENT_ID_HEADER]: String(done.attachmentId), 'Content-Type': 'application/json; charset=utf-8' },
        body: JSON.stringify(resultOf(done, actor)),
      };
    },

    onResponseError: (req, err) => {
      if (err instanceof AppError) return problemBody(err.code, err.detail ?? err.title, err.status, err.errors);
      if (!(err instanceof Error)) {
        // One of the tus library's own refusals ({ status_code, body }).
        const known = TUS_REFUSALS.get(err.body);
        if (known) return problemBody(known[0], known[1], known[2]);
        if (err.body === ERRORS.ERR_MAX_SIZE_EXCEEDED.body) {
          const length = Number(req.headers.get('upload-length'));
          return problemBody('payload_too_large', tooLargeMessage(ctx.config.evidenceLimits, Number.isSafeInteger(length) ? length : undefined));
        }
        if (err.status_code < 500) return problemBody('validation_failed', '上传请求有误', err.status_code);
      }
      const request = requests.get(req);
      request?.log.error({ err }, 'upload failed');
      return problemBody('internal', `上传未能完成，请稍后续传；如问题持续，请联系管理员并提供编号 ${request?.id ?? ''}`);
    },
  });

  /** The caller's own upload (evidence.resume), or 404 as for any upload out of sight. */
  async function ownUpload(request: FastifyRequest, id: string): Promise<UploadRecord> {
    const row = await findUpload(ctx.db, id);
    if (!row) throw new AppError('not_found', '上传不存在或已结束，请重新上传');
    request.authorize('evidence.resume', { uploaderId: row.uploader_id }, 'evidence.resume');
    return row;
  }

  /**
   * Records a complete upload, or answers how it already ended; one completion per upload at a time
   * in this process (a second asker shares the first's), the database row keeps it to one across
   * processes. Refused, the staged bytes go; recorded, too.
   */
  function finish(actor: Actor | null, row: UploadRecord): Promise<FinishedUpload> {
    let running = finishing.get(row.id);
    if (!running) {
      running = (async () => {
        try {
          const now = (await findUpload(ctx.db, row.id)) ?? row;
          const ended = await uploadOutcome(ctx, now);
          if (ended) {
            await store.discardBytes(row.id);
            return ended;
          }
          const staged = await store.stagedBytes(row.id);
          if (staged !== now.size) {
            // Another server may have recorded it just now, taking the staged bytes with it.
            const since = await findUpload(ctx.db, row.id);
            const ended = since && (await uploadOutcome(ctx, since));
            if (ended) return ended;
          }
          if (staged < 0) throw new AppError('not_found', '上传的数据已不在服务器上，请重新上传');
          if (staged !== now.size) throw new AppError('conflict', `上传尚未完成：服务器已收到 ${staged} / ${now.size} 字节，请续传`, undefined, { offset: staged });
          const upload: StagedUpload = { id: row.id, path: store.pathOf(row.id), staged, sha256: store.takeHash(row.id, staged) };
          let done: FinishedUpload;
          try {
            done = actor ? await finishUpload(ctx, actor, upload) : await finishStrandedUpload(ctx, now, upload);
          } catch (err) {
            // Refused for good: the bytes will never be taken. Anything else: they wait for the next asker.
            if (isRefusal(err)) await store.discardBytes(row.id);
            throw err;
          }
          await store.discardBytes(row.id);
          return done;
        } finally {
          finishing.delete(row.id);
        }
      })();
      finishing.set(row.id, running);
    }
    return running;
  }

  const resultOf = (done: FinishedUpload, actor: Actor): UploadResultDto => ({ attachment: presentAttachment(done.file.row, actor, done.file.owner), duplicate: done.duplicate });

  async function handle(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    reply.hijack();
    const web = webRequestOf(request, reply);
    requests.set(web, request);
    let response: Response;
    try {
      response = await tus.handleWeb(web);
    } catch (err) {
      request.log.error({ err }, 'upload failed');
      const p = problemBody('internal', `请稍后重试；如问题持续，请联系管理员并提供编号 ${request.id}`);
      response = new Response(p.body, { status: p.status_code });
    }
    const attachmentId = recordedAs.get(web);
    if (attachmentId !== undefined && response.ok) response.headers.set(ATTACHMENT_ID_HEADER, String(attachmentId));
    await send(reply, response);
  }

  /** Writes the tus server's answer; every refusal as application/problem+json in Chinese. */
  async function send(reply: FastifyReply, response: Response): Promise<void> {
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name] = value;
    });
    let body = response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
    if (response.status >= 400) {
      if (!body || body[0] !== 0x7b /* { */) {
        const [code, detail] = BY_STATUS[response.status] ?? ['validation_failed', '上传请求有误'];
        body = Buffer.from(JSON.stringify(problemDocument(code, detail, undefined, response.status)));
      }
      headers['content-type'] = PROBLEM_CONTENT_TYPE;
    }
    if (body) headers['content-length'] = String(body.length);
    headers['cache-control'] = 'no-store';
    headers['x-content-type-options'] = 'nosniff';
    reply.raw.writeHead(response.status, headers);
    reply.raw.end(body);
  }

  /**
   * At start (in the background) and hourly: complete uploads nobody asked about are recorded as
   * their uploader; expired unfinished ones, finished ones past keeping and leftovers go.
   */
  async function sweepUploads(): Promise<void> {
    const { complete } = await store.sweepStaged(FINISHED_UPLOAD_KEPT_MS);
    for (const row of complete) {
      await finish(null, row).catch((err: unknown) => {
        if (!isRefusal(err)) app.log.error({ err, upload: row.id }, 'recording a complete upload failed');
      });
    }
  }
  const sweep = () => void sweepUploads().catch((err: unknown) => app.log.error({ err }, 'sweeping uploads failed'));
  sweep();
  const timer = setInterval(sweep, SWEEP_INTERVAL_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));

  // The outcome of an upload by its id, for a client whose last answer carried no attachment id
  // (a HEAD that found it complete, or a lost answer): finishes a complete one first.
  app.withTypeProvider<ZodTypeProvider>().get(`${UPLOAD_PATH}/:id`, {
    // HEAD on an upload is the tus server's (the offset), not this route's.
    exposeHeadRoute: false,
    // A refused upload answers its refusal (any of the upload's problems); one not complete yet, 409 conflict with its offset.
    config: { action: 'evidence.resume', problems: ['conflict', 'payload_too_large', 'unsupported_media_type'] },
    schema: {
      tags: [TAGS.evidence.name],
      summary: '上传结果：已完成的上传成为哪个证据文件（未入档的完整上传此时入档）',
      description: '答复带 Qudi-Attachment-Id 头。上传尚未收齐时答复 409 conflict，offset 为服务器已收到的字节数；被拒绝的上传答复当初拒绝的原因（如 415 文件类型不支持、413 文件过大）。',
      params: uploadParams,
      response: { 200: uploadResultDto },
    },
  }, async (request, reply): Promise<UploadResultDto> => {
    const actor = request.requireActor();
    const row = await ownUpload(request, request.params.id);
    const done = await finish(actor, row);
    reply.header(ATTACHMENT_ID_HEADER, String(done.attachmentId)).header('cache-control', 'no-store');
    return resultOf(done, actor);
  });

  await app.register(async (scope) => {
    // The tus server reads the body itself, as a stream: nothing here may parse or buffer it.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    // A refused upload (its kind, its size) is refused again to every later request on it, whatever the method.
    const refusals = ['payload_too_large', 'unsupported_media_type'] as const;
    scope.route({
      method: 'POST',
      url: UPLOAD_PATH,
      config: { action: 'evidence.upload', problems: ['not_found', 'conflict', 'precondition_failed'] },
      schema: {
        tags: [TAGS.evidence.name],
        summary: '创建证据文件上传（tus 协议，Upload-Length、Upload-Metadata）',
        description: [
          `tus 1.0.0 的 creation 扩展：请求头 Upload-Length 为文件大小，Upload-Metadata 为逗号分隔的“键 Base64值”（${UPLOAD_METADATA_KEYS.join('、')}）；请求体可带文件开头的字节（creation-with-upload，Content-Type: application/offset+octet-stream）。`,
          '记录不存在或不在管辖范围内答复 404；文件类型不支持答复 415，文件过大答复 413（收到开头的字节即判断）。',
          TUS_STATUSES_NOTE,
        ].join('\n\n'),
        response: {
          201: {
            description: '已创建上传：Location 为上传地址，之后以 HEAD 查询进度、PATCH 续传。请求体已带来全部字节时上传即完成：答复带 Qudi-Attachment-Id 头和 UploadResult（JSON）；否则无内容。',
            headers: { Location: { type: 'string', description: '上传的地址（相对地址，/api/uploads/{id}）' }, ...tusHeader, ...offsetHeader, ...expiresHeader, ...attachmentIdHeader },
            ...uploadResultBody,
            nullable: true,
          },
        },
      },
      handler: handle,
    });
    scope.route({
      method: 'HEAD',
      url: `${UPLOAD_PATH}/:id`,
      // @fastify/swagger leaves HEAD routes out unless asked: this one is the tus protocol's own.
      config: { action: 'evidence.resume', problems: ['validation_failed', 'not_found', 'conflict', 'upload_expired', 'precondition_failed', ...refusals], swagger: { exposeHeadRoute: true } },
      schema: {
        tags: [TAGS.evidence.name],
        summary: '查询上传进度（tus 协议）：服务器已收到的字节数',
        description: [
          '断点续传前先查询：从 Upload-Offset 处续传。所有字节都已收到而尚未入档的上传此时入档，答复带 Qudi-Attachment-Id 头。只能查询自己的上传，他人的上传答复 404；被拒绝的上传答复当初拒绝的原因。',
          TUS_STATUSES_NOTE,
        ].join('\n\n'),
        response: {
          200: {
            description: '上传进度（无内容）',
            headers: { ...tusHeader, ...offsetHeader, 'Upload-Length': { type: 'integer', description: '文件大小（字节），创建上传时声明' }, 'Cache-Control': { type: 'string', description: 'no-store' }, ...attachmentIdHeader },
            type: 'null',
          },
        },
      },
      handler: handle,
    });
    scope.route({
      method: 'PATCH',
      url: `${UPLOAD_PATH}/:id`,
      config: { action: 'evidence.resume', problems: ['not_found', 'conflict', 'upload_expired', 'precondition_failed'] },
      schema: {
        tags: [TAGS.evidence.name],
        summary: '续传（tus 协议）：从 Upload-Offset 处追加字节，收齐后入档',
        description: [
          '请求头 Upload-Offset 须等于服务器已收到的字节数（不等答复 409 conflict，先 HEAD 查询），Content-Type: application/offset+octet-stream。收齐的那次请求答复 200，带 Qudi-Attachment-Id 头和 UploadResult；否则答复 204。文件类型不支持（415）、过大（413）时上传作废。',
          TUS_STATUSES_NOTE,
        ].join('\n\n'),
        response: {
          200: {
            description: '上传已收齐并入档：成为的证据文件（同一内容已在此记录上时为已有的文件，duplicate 为 true）',
            headers: { ...tusHeader, ...offsetHeader, ...attachmentIdHeader },
            ...uploadResultBody,
          },
          204: {
            description: '已收到这一段，上传尚未收齐：从 Upload-Offset 处继续',
            headers: { ...tusHeader, ...offsetHeader, ...expiresHeader, ...attachmentIdHeader },
            type: 'null',
          },
        },
      },
      handler: handle,
    });
    scope.route({
      method: 'DELETE',
      url: `${UPLOAD_PATH}/:id`,
      config: { action: 'evidence.resume', problems: ['validation_failed', 'not_found', 'conflict', 'upload_expired', 'precondition_failed', ...refusals] },
      schema: {
        tags: [TAGS.evidence.name],
        summary: '取消上传（tus 协议）：已收到的字节作废',
        description: ['已收齐的上传不能取消（答复 409 conflict）。', TUS_STATUSES_NOTE].join('\n\n'),
        response: { 204: { description: '已取消', headers: { ...tusHeader }, type: 'null' } },
      },
      handler: handle,
    });
  });
}
