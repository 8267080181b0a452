import { describe, expect, it } from 'vitest';
import { t } from './index.js';

describe('the phase of a shutdown photo', () => {
  it('reads 取缔前 / 取缔后, as the evidence package and the API’s messages call it, not 整改前 / 整改后', () => {
    expect(t('evidence.phase.before')).toBe('取缔前');
    expect(t('evidence.phase.after')).toBe('取缔后');
    for (const key of ['evidence.stage.phase', 'evidence.phaseLabel'] as const) {
      expect(t(key)).toContain('取缔前');
      expect(t(key)).not.toMatch(/整改[前后]/);
    }
  });
});
