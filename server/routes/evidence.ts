// Evidence packages: the server's public key (public, for anyone checking a package), and signed
// .zip packages per workshop and per town, streamed. Every package download is audited with the
// SHA-256 of its manifest, in the moment the manifest is signed and before it is sent.
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from '../../domain/zod.js';
import type { AppContext } from '../context.js';
import { notFound } from '../errors.js';
import {
  EvidenceIntegrityError,
  PackageAborted,
  describeSigned,
  packageContentDisposition,
  planEvidencePackage,
  writeEvidencePackage,
  type PackagePlan,
} from '../evidence/package.js';
import { loadSigningKey } from '../evidence/packageKey.js';
import { findTownWorkshops } from '../evidence/packageRepository.js';
import type { Actor } from '../auth/actor.js';
import { enterpriseSubject } from '../policies/index.js';
import { writeAudit } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findEnterprise } from '../repositories/enterprises.js';
import { findOrgUnit } from '../repositories/orgUnits.js';

const idParams = z.strictObject({ id: z.coerce.number().int().positive({ error: '编号不正确' }) });

/** Where the audit record of a download goes: the workshop, or the town. */
interface AuditTarget {
  entityType: 'enterprise' | 'org_unit';
  entityId: number;
  scopePath: string;
}

export function evidenceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  function sendPackage(request: FastifyRequest, reply: FastifyReply, actor: Actor, plan: PackagePlan, target: AuditTarget) {
    const out = new PassThrough();
    writeEvidencePackage(ctx, plan, out, {
      onSigned: (signed) =>
        ctx.db.transaction().execute((trx) =>
          writeAudit(trx, {
            actor,
            action: 'evidence.package',
            ...target,
            after: {
              kind: plan.kind,
              manifestSha256: signed.manifestSha256,
              files: signed.fileCount,
              bytes: signed.totalBytes,
              keyFingerprint: plan.key.fingerprint,
              fileName: plan.fileName,
              ...(plan.kind === 'town' ? { workshops: plan.workshops.map((w) => w.row.id) } : {}),
            },
          }),
        ),
    }).then(
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
      .header('content-disposition', packageContentDisposition(plan))
      .header('cache-control', 'no-store')
      .send(out);
  }

  r.get('/api/evidence/public-key.pem', {
    config: { public: true },
    schema: { tags: ['evidence'], summary: '证据包签名公钥（Ed25519，PEM）：核验证据包时使用' },
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
    schema: { tags: ['evidence'], summary: '下载企业证据包：档案（Word、JSON）、全部证据文件、SHA-256 清单及服务器签名（.zip）', params: idParams },
  }, async (request, reply) => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const row = await findEnterprise(ctx.db, request.params.id);
    if (!row || row.campaign_id !== campaign.id) throw notFound();
    request.authorize('evidence.package', enterpriseSubject(row), 'enterprise.read');
    const town = await findOrgUnit(ctx.db, row.town_id);
    const plan = await planEvidencePackage(ctx, { kind: 'workshop', actor, campaign, town: { id: row.town_id, name: town?.name ?? '' }, workshops: [row] });
    return sendPackage(request, reply, actor, plan, { entityType: 'enterprise', entityId: row.id, scopePath: row.org_path });
  });

  r.get('/api/org-units/:id/evidence-package.zip', {
    exposeHeadRoute: false,
    config: { action: 'evidence.townPackage' },
    schema: { tags: ['evidence'], summary: '下载镇街证据包：本镇街每家企业一个目录，一份清单和签名（.zip）', params: idParams },
  }, async (request, reply) => {
    const actor = request.requireActor();
    const campaign = await currentCampaign(ctx.db);
    const town = await findOrgUnit(ctx.db, request.params.id);
    if (!town || town.kind !== 'town' || !town.path.startsWith(campaign.rootPath)) throw notFound();
    request.authorize('evidence.townPackage', { orgPath: town.path }, 'orgUnit.read');
    const workshops = await findTownWorkshops(ctx.db, actor, campaign, town.id);
    const plan = await planEvidencePackage(ctx, { kind: 'town', actor, campaign, town: { id: town.id, name: town.name }, workshops });
    return sendPackage(request, reply, actor, plan, { entityType: 'org_unit', entityId: town.id, scopePath: town.path });
  });
}
