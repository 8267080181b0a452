import { describe, expect, it } from 'vitest';
import { reportSummary } from './reportSummary.js';
import { t } from '../../i18n/index.js';

describe('the office’s summary of the towns’ reports', () => {
  it('counts each state in the words its rows show, so that overdue towns are not called “未报送”', () => {
    const text = reportSummary(['overdue', 'overdue', 'overdue', 'signed_late']);
    expect(text).toBe('共 4 个镇街：逾期签字 1 个、逾期未报 3 个');
    expect(text).not.toContain(t('reports.state.not_reported'));
    // Every word in the summary is a row's tag.
    expect(text).toContain(t('reports.state.overdue'));
  });

  it('tells a version waiting for its signature after the date apart from a town that sent nothing', () => {
    expect(reportSummary(['overdue_unsigned', 'overdue', 'submitted', 'signed', 'not_reported'])).toBe(
      '共 5 个镇街：已签字报送 1 个、已报送待签字 1 个、逾期未签字 1 个、逾期未报 1 个、未报送 1 个',
    );
  });

  it('says so when there are no towns', () => {
    expect(reportSummary([])).toBe('没有可查看报送情况的镇街');
  });
});
