// 验收 (notice 二（三）). The inspection group draws each town's spot-check sample and publishes it;
// the group, the office, the leaders and discipline see every draw at once, a town's staff and
// principal only the draws published to their town — never a sample before it is published.
// State-dependent rules read the workflow table.
import { ACCEPTANCE_OVERSEERS, ACCEPTANCE_READERS, INSPECTORS, NOTICE_DRAFTERS, OFFICE, TOWN_KEEPERS, TOWN_PRINCIPALS, TOWN_STAFF } from '../../domain/roles.js';
import { CRITICISM_WORKFLOW } from '../../domain/workflows/criticismNotice.js';
import { explanationDue, TOWN_ACCEPTANCE_WORKFLOW } from '../../domain/workflows/townAcceptance.js';
import { DRAW_WORKFLOW } from '../../domain/workflows/acceptanceDraw.js';
import { canTransition } from '../../domain/workflows/workflow.js';
import { covers, hasRole } from '../auth/actor.js';
import { allow } from './registry.js';
import type { DrawSubject, NoticeSubject, TownAcceptanceSubject, UnitSubject } from './subjects.js';

/** The acceptance page in the menu. */
allow<null>('acceptance.page', (actor) => hasRole(actor, ...ACCEPTANCE_READERS));
/** A town's acceptance: the overseers, and the town's own staff. */
allow<UnitSubject>('acceptance.read', (actor, s) => covers(actor, s.orgPath, ACCEPTANCE_READERS));
allow<DrawSubject>('acceptanceDraw.read', (actor, s) => covers(actor, s.orgPath, ACCEPTANCE_OVERSEERS) || (s.published && covers(actor, s.orgPath, TOWN_STAFF)));
/** Subject: the town drawn for. */
allow<UnitSubject>('acceptanceDraw.draw', (actor, s) => covers(actor, s.orgPath, INSPECTORS));
allow<null>('acceptanceDraw.draw.any', (actor) => hasRole(actor, ...INSPECTORS));
for (const event of ['publish', 'redraw'] as const)
  allow<DrawSubject>(`acceptanceDraw.${event}`, (actor, s) => canTransition(DRAW_WORKFLOW, s.status, event) && covers(actor, s.orgPath, INSPECTORS));
/** 现场检查: on a published draw still in force, by the inspection group. */
allow<DrawSubject>('acceptanceCheck.record', (actor, s) => s.status === 'published' && covers(actor, s.orgPath, INSPECTORS));
/** 听取汇报: the inspection group, for a town in its scope. */
allow<UnitSubject>('acceptanceHearing.record', (actor, s) => covers(actor, s.orgPath, INSPECTORS));
/** The town's verdict, deadline and re-decision: the inspection group, as the workflow table allows. */
for (const event of ['pass', 'fail', 'rectify'] as const)
  allow<TownAcceptanceSubject>(`townAcceptance.${event}`, (actor, s) => canTransition(TOWN_ACCEPTANCE_WORKFLOW, s.status, event) && covers(actor, s.orgPath, INSPECTORS));
/** 书面说明: the failed town's principal (主要负责人). */
allow<TownAcceptanceSubject>('townAcceptance.explain', (actor, s) => explanationDue(s.status) && covers(actor, s.orgPath, TOWN_PRINCIPALS));
/** 通报批评: drafted by the office and the inspection group; read as a draft by them, once issued by the overseers and the named towns' staff; issued by the office. */
allow<null>('notice.draft', (actor) => hasRole(actor, ...NOTICE_DRAFTERS));
allow<NoticeSubject>('notice.read', (actor, s) =>
  s.status === 'draft'
    ? s.townPaths.every((p) => covers(actor, p, NOTICE_DRAFTERS))
    : s.townPaths.every((p) => covers(actor, p, ACCEPTANCE_OVERSEERS)) || s.townPaths.some((p) => covers(actor, p, TOWN_STAFF)),
);
allow<NoticeSubject>('notice.edit', (actor, s) => canTransition(CRITICISM_WORKFLOW, s.status, 'edit') && s.townPaths.every((p) => covers(actor, p, NOTICE_DRAFTERS)));
allow<NoticeSubject>('notice.issue', (actor, s) => canTransition(CRITICISM_WORKFLOW, s.status, 'issue') && s.townPaths.every((p) => covers(actor, p, OFFICE)));
/** The results for the leading group as a workbook: the overseers. */
allow<null>('acceptance.results', (actor) => hasRole(actor, ...ACCEPTANCE_OVERSEERS));
/** 验收材料: submitted by the town's keepers (its staff, its principal, the office for any town), signed by its principal. */
allow<UnitSubject>('acceptancePackage.submit', (actor, s) => covers(actor, s.orgPath, TOWN_KEEPERS));
allow<UnitSubject>('acceptancePackage.sign', (actor, s) => covers(actor, s.orgPath, TOWN_PRINCIPALS));
