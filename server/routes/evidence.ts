// Evidence packages: the server's public key (public, for anyone checking a package), and signed
// .zip packages per workshop and per town, streamed. Every package download is audited with the
// SHA-256 of its manifest, in the moment the manifest is signed and before it is sent (the
// packageEvidence command).
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fileResponse, TAGS, ZIP } from '../../domain/contract.js';
import { idParams } from '../../domain/params.js';
import { packageEvidence, type EvidencePackageDownload } from '../commands/packageEvidence.js';
import type { AppContext } from '../context.js';
import { EvidenceIntegrityError, PackageAborted, describeSigned, packageContentDisposition } from '../evidencePackage/package.js';
import { loadSigningKey } from '../evidencePackage/packageKey.js';

export function evidenceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  function sendPackage(request: FastifyRequest, reply: FastifyReply, download: EvidencePackageDownload) {
    const out = new PassThrough();
    download.write(out).then(
      (signed) => request.log.info({ manifestSha256: signed.manifestSha256 }, `evidence package sent: ${describeSigned(signed)}`),
      (err: unknown) => {
        if (err instanceof PackageAborted) request.log.info('evidence package aborted: the client went away');
        else if (err instanceof EvidenceIntegrityError) request.log.error({ attachmentId: err.attachmentId }, `evidence package stopped: ${err.message}`);
        else request.log.error({ err }, 'evidence package failed');
        out.destroy(err instanceof Error ? err : new Error(String(err)));
      },
    );
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', packageContentDisposition(download.plan))
      .header('cache-control', 'no-store')
      .send(out);
  }

  r.get('/api/evidence/public-key.pem', {
    config: { public: true },
    schema: {
      tags: [TAGS.evidence.name],
      summary: '证据包签名公钥（Ed25519，PEM）：核验证据包时使用',
      response: { 200: fileResponse('application/x-pem-file', '服务器签名证据包所用的 Ed25519 公钥（PEM）；X-Key-Fingerprint-SHA256 头为其指纹') },
    },
  }, async (_request, reply) => {
    const key = loadSigningKey(ctx.config.dataDir);
    return reply
      .type('application/x-pem-file')
      .header('content-disposition', 'attachment; filename="qudi-evidence-public-key.pem"')
      .header('x-key-fingerprint-sha256', key.fingerprint)
      .send(key.publicKeyPem);
  });

  // HEAD would build (and audit) a whole package to answer nothing: not offered.
  r.get('/api/enterprises/:id/evidence-package.zip', {
    exposeHeadRoute: false,
    config: { action: 'evidence.package' },
    schema: {
      tags: [TAGS.evidence.name],
      summary: '下载企业证据包：档案（Word、JSON）、全部证据文件、SHA-256 清单及服务器签名（.zip）',
      params: idParams,
      response: { 200: fileResponse(ZIP, '企业证据包（边生成边发送；中途出错时连接中断，包不完整）') },
    },
  }, async (request, reply) => sendPackage(request, reply, await packageEvidence(ctx, request.requireActor(), { kind: 'workshop', id: request.params.id })));

  r.get('/api/org-units/:id/evidence-package.zip', {
    exposeHeadRoute: false,
    config: { action: 'evidence.townPackage' },
    schema: {
      tags: [TAGS.evidence.name],
      summary: '下载镇街证据包：本镇街每家企业一个目录，一份清单和签名（.zip）',
      params: idParams,
      response: { 200: fileResponse(ZIP, '镇街证据包（边生成边发送；中途出错时连接中断，包不完整）') },
    },
  }, async (request, reply) => sendPackage(request, reply, await packageEvidence(ctx, request.requireActor(), { kind: 'town', id: request.params.id })));
}
