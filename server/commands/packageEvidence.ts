// 下载证据包: a signed evidence package of one workshop, or of every workshop of a town the actor
// sees. Planned here (authorized, loaded, every stored file checked) before the first byte, so
// that a refusal or a missing file is a proper error response; then written as a stream by the
// caller. Every package is audited with the SHA-256 of its manifest, in the moment the manifest is
// signed and before it is sent: if that record cannot be written, the package stops unsigned.
import type { Writable } from 'node:stream';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from '../context.js';
import { inTransaction } from '../db/transaction.js';
import { notFound } from '../errors.js';
import { planEvidencePackage, writeEvidencePackage, type PackagePlan, type SignedPackage } from '../evidencePackage/package.js';
import { authorize, enterpriseSubject } from '../policies/index.js';
import { writeAudit, type AuditEntry } from '../repositories/audit.js';
import { currentCampaign } from '../repositories/campaigns.js';
import { findEnterprise, listTownEnterprises } from '../repositories/enterprises.js';
import { findOrgUnit } from '../repositories/orgUnits.js';

export interface EvidencePackageDownload {
  plan: PackagePlan;
  /** Streams the package into `out` and ends it; rejects (and writes no signature) as writeEvidencePackage does. */
  write: (out: Writable) => Promise<SignedPackage>;
}

/** Where the audit record of a download goes: the workshop, or the town. */
type AuditTarget = Pick<AuditEntry, 'entityType' | 'entityId' | 'scopePath'>;

export async function packageEvidence(ctx: AppContext, actor: Actor, input: { kind: 'workshop' | 'town'; id: number }): Promise<EvidencePackageDownload> {
  const campaign = await currentCampaign(ctx.db);
  let plan: PackagePlan;
  let target: AuditTarget;
  if (input.kind === 'workshop') {
    const row = await findEnterprise(ctx.db, input.id);
    if (!row || row.campaign_id !== campaign.id) throw notFound();
    authorize(actor, 'evidence.package', enterpriseSubject(row), 'enterprise.read');
    const town = await findOrgUnit(ctx.db, row.town_id);
    plan = await planEvidencePackage(ctx, { kind: 'workshop', actor, campaign, town: { id: row.town_id, name: town?.name ?? '' }, workshops: [row] });
    target = { entityType: 'enterprise', entityId: row.id, scopePath: row.org_path };
  } else {
    const town = await findOrgUnit(ctx.db, input.id);
    if (!town || town.kind !== 'town' || !town.path.startsWith(campaign.rootPath)) throw notFound();
    authorize(actor, 'evidence.townPackage', { orgPath: town.path }, 'orgUnit.read');
    const workshops = await listTownEnterprises(ctx.db, actor, campaign, town.id);
    plan = await planEvidencePackage(ctx, { kind: 'town', actor, campaign, town: { id: town.id, name: town.name }, workshops });
    target = { entityType: 'org_unit', entityId: town.id, scopePath: town.path };
  }
  const write = (out: Writable) =>
    writeEvidencePackage(ctx, plan, out, {
      onSigned: (signed) =>
        inTransaction(ctx.db, (trx) =>
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
    });
  return { plan, write };
}
