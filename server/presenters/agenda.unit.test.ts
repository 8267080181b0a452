import { describe, expect, it } from 'vitest';
import { presentAgenda, type AgendaFacts, type TownReportFact } from './agenda.js';

const facts = (more: Partial<AgendaFacts>): AgendaFacts => ({ today: '2016-05-08', reports: null, incomplete: null, pendingItems: null, itemsDue: null, statuses: {}, openEscalations: null, openClues: null, patrols: null, tips: null, ...more });
const town = (state: TownReportFact['state'], more: Partial<TownReportFact> = {}): TownReportFact => ({ townId: 1, townName: '某镇', state, canSubmit: true, canSign: false, ...more });

describe('今日待办', () => {
  it('counts down to the report deadline and turns urgent on its last day', () => {
    const early = presentAgenda(facts({ reports: { due: '2016-05-10', towns: [town('not_reported')] } }));
    expect(early.entries).toEqual([expect.objectContaining({ kind: 'report_due', daysLeft: 2, urgent: false, due: '2016-05-10' })]);
    const lastDay = presentAgenda(facts({ today: '2016-05-09', reports: { due: '2016-05-10', towns: [town('not_reported')] } }));
    expect(lastDay.entries[0]).toMatchObject({ kind: 'report_due', daysLeft: 1, urgent: true });
  });

  it("puts the principal's signature before everything else, even before urgent work", () => {
    const a = presentAgenda(
      facts({
        today: '2016-05-20',
        reports: { due: '2016-05-10', towns: [town('overdue_unsigned', { canSign: true, canSubmit: true })] },
        statuses: { rejected: 2, recurred: 1 },
        pendingItems: [{ code: 'a', n: 3 }],
        itemsDue: '2016-05-15',
      }),
    );
    expect(a.entries.map((e) => e.kind)).toEqual(['report_to_sign', 'item_pending', 'rejected', 'recurred']);
    expect(a.entries[1]).toMatchObject({ urgent: true, daysLeft: -5 });
  });

  it('leaves out what needs nobody: zero counts, signed reports, a reader who neither submits nor signs', () => {
    const a = presentAgenda(
      facts({
        reports: { due: '2016-05-10', towns: [town('signed')] },
        incomplete: 0,
        pendingItems: [{ code: 'a', n: 0 }],
        statuses: { rejected: 0 },
        openClues: 0,
      }),
    );
    expect(a.entries).toEqual([]);
    const reader = presentAgenda(facts({ reports: { due: '2016-05-10', towns: [town('overdue', { canSubmit: false })] } }));
    expect(reader.entries).toEqual([]);
  });

  it('sums several towns into the late ones (named) and those signed', () => {
    const a = presentAgenda(
      facts({
        today: '2016-05-11',
        reports: { due: '2016-05-10', towns: [town('signed', { townId: 1 }), town('overdue', { townId: 2, townName: '乙镇' }), town('overdue_unsigned', { townId: 3, townName: '丙镇' }), town('submitted', { townId: 4 })] },
      }),
    );
    expect(a.entries).toEqual([
      expect.objectContaining({ kind: 'towns_late', count: 2, of: 4, urgent: true, names: ['乙镇', '丙镇'], daysLeft: -1 }),
      expect.objectContaining({ kind: 'towns_reported', count: 1, of: 4, urgent: false }),
    ]);
  });

  it('puts overdue patrols first and counts those due soon apart', () => {
    const a = presentAgenda(facts({ patrols: { due: 5, overdue: 2, dueBy: '2016-05-15' } }));
    expect(a.entries).toEqual([
      expect.objectContaining({ kind: 'patrols_overdue', count: 2, urgent: true }),
      expect.objectContaining({ kind: 'patrols_due', count: 3, urgent: false, due: '2016-05-15', daysLeft: 7 }),
    ]);
    expect(presentAgenda(facts({ patrols: { due: 0, overdue: 0, dueBy: '2016-05-15' } })).entries).toEqual([]);
  });
});
