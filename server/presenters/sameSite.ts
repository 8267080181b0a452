// 改头换面 as the workshop page shows it: the decided pairs (confirmed first) and the likely shut
// sites nobody has judged yet, each with its score and reasons, and whether the reader may decide.
import { sameSiteReasonDto, type SameSiteMatchDto, type SameSiteReason, type SameSiteResultDto } from '../../domain/sameSite.js';
import { z } from '../../domain/zod.js';
import type { Actor } from '../auth/actor.js';
import { can, enterpriseSubject } from '../policies/index.js';
import type { ScoredSite, SiteCandidate, SiteLinkRow } from '../repositories/sameSite.js';

function siteOf(s: SiteCandidate): SameSiteMatchDto['site'] {
  return { id: s.id, name: s.name, townName: s.town_name ?? '', villageName: s.village_name, address: s.address, contactPerson: s.contact_person, status: s.status };
}

const storedReasons = z.array(sameSiteReasonDto).catch([]);

export function presentSameSites(workshop: { org_path: string; status: string }, likely: readonly ScoredSite[], links: readonly SiteLinkRow[], linkedSites: readonly SiteCandidate[], actor: Actor): SameSiteResultDto {
  const sites = new Map(linkedSites.map((s) => [s.id, s]));
  const decided: SameSiteMatchDto[] = [];
  for (const l of links) {
    const site = sites.get(l.other_id);
    if (!site) continue; // outside the reader's scope
    let reasons: SameSiteReason[] = [];
    try {
      reasons = storedReasons.parse(JSON.parse(l.reasons));
    } catch {
      reasons = [];
    }
    decided.push({ site: siteOf(site), score: l.score, reasons, decision: l.decision, note: l.note, decidedBy: l.decided_by_name ?? '', decidedAt: l.decided_at });
  }
  decided.sort((a, b) => (a.decision === b.decision ? 0 : a.decision === 'confirmed' ? -1 : 1));
  const judged = new Set(links.map((l) => l.other_id));
  const open: SameSiteMatchDto[] = likely
    .filter((m) => !judged.has(m.site.id))
    .map((m) => ({ site: siteOf(m.site), score: m.score, reasons: m.reasons, decision: null, note: '', decidedBy: null, decidedAt: null }));
  return { items: [...decided, ...open], canDecide: can(actor, 'enterprise.decideSameSite', enterpriseSubject(workshop)) };
}
