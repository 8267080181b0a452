// The English catalogue holds exactly the keys of the Chinese ones (the main catalogue and every
// stage's page strings), each with the same {placeholders}, and reads as English.
import { describe, expect, it } from 'vitest';
import { enMessages } from './en/index.js';
import { historyMessages } from './history.zh-CN.js';
import { importsPageMessages } from './imports.zh-CN.js';
import { inboxPageMessages } from './inbox.zh-CN.js';
import { mapPageMessages } from './map.zh-CN.js';
import { dailyReportMessages } from './dailyReport.zh-CN.js';
import { selfInspectionPageMessages } from './selfInspection.zh-CN.js';
import { reportsPageMessages } from './reportsPage.zh-CN.js';
import { webhooksPageMessages } from './webhooks.zh-CN.js';
import { accountabilityPageMessages } from './accountability.zh-CN.js';
import { mobilisationPageMessages } from './mobilisation.zh-CN.js';
import { stage2Messages } from './stage2.zh-CN.js';
import { stage3Messages } from './stage3.zh-CN.js';
import { stage4Messages } from './stage4.zh-CN.js';
import { zhCN } from './zh-CN.js';

const chinese: Record<string, string> = { ...zhCN, ...stage2Messages, ...stage3Messages, ...stage4Messages, ...historyMessages, ...mobilisationPageMessages, ...importsPageMessages, ...inboxPageMessages, ...mapPageMessages, ...dailyReportMessages, ...selfInspectionPageMessages, ...reportsPageMessages, ...webhooksPageMessages, ...accountabilityPageMessages };
const english = enMessages as Record<string, string>;
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** English strings that name Chinese on purpose: the switch back to Chinese. */
const CHINESE_ON_PURPOSE = new Set(['header.language', 'header.languageHint']);

describe('the English catalogue', () => {
  it('has every key of the Chinese catalogues and no other', () => {
    expect(Object.keys(english).filter((k) => !(k in chinese)), 'in English only').toEqual([]);
    expect(Object.keys(chinese).filter((k) => !(k in english)), 'in Chinese only').toEqual([]);
  });

  it('keeps each string’s {placeholders}', () => {
    const differ = Object.keys(chinese).filter((k) => k in english && placeholders(chinese[k]!).join() !== placeholders(english[k]!).join());
    expect(differ).toEqual([]);
  });

  it('is English: no Chinese characters left in it', () => {
    // A Chinese word quoted or in brackets (a column header the importer reads, a heading numeral to type) is fine; bare Chinese is not.
    const unquoted = (v: string) =>
      v
        .replace(/“[^”]*”|"[^"]*"|《[^》]*》/g, '')
        .replace(/（[^）]*）|\([^)]*\)/g, '');
    const bare = Object.entries(english).filter(([k, v]) => !CHINESE_ON_PURPOSE.has(k) && /[\u4e00-\u9fff]/.test(unquoted(v)));
    expect(bare.map(([k]) => k)).toEqual([]);
  });
});
