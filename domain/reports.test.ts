import { describe, expect, it } from 'vitest';
import { pastDeadline, reportState } from './reports.js';

describe('the report deadline rule (报送 by the notice’s date, China calendar)', () => {
  it('is late only from the day after the due date, in China time', () => {
    expect(pastDeadline('2016-05-10', new Date('2016-05-10T15:59:59Z'))).toBe(false);
    expect(pastDeadline('2016-05-10', new Date('2016-05-10T16:00:00Z'))).toBe(true);
    expect(pastDeadline(null, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('says signed (on time or late), else submitted (overdue unsigned after the date), else not reported (overdue after the date)', () => {
    const before = new Date('2016-05-09T04:00:00Z');
    const after = new Date('2016-05-11T04:00:00Z');
    expect(reportState({}, { late: false }, '2016-05-10', after)).toBe('signed');
    expect(reportState({}, { late: true }, '2016-05-10', after)).toBe('signed_late');
    // A version waiting for its signature after the date is not “not reported”.
    expect(reportState({}, null, '2016-05-10', after)).toBe('overdue_unsigned');
    expect(reportState(null, null, '2016-05-10', after)).toBe('overdue');
    expect(reportState({}, null, '2016-05-10', before)).toBe('submitted');
    expect(reportState(undefined, undefined, '2016-05-10', before)).toBe('not_reported');
  });
});
