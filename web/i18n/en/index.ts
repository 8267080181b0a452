// The English catalogue (issue 17): every key of the Chinese catalogues (zh-CN.ts and the stages'
// page strings), with the same {placeholders}; web/i18n/catalogues.test.ts fails when a key is in
// one and not the other. Loaded as a chunk of its own when English is chosen.
import { enA1 } from './a1.js';
import { enA2 } from './a2.js';
import { enB } from './b.js';
import { enC } from './c.js';
import { enD } from './d.js';
import { enE } from './e.js';
import { enF } from './f.js';

export const enMessages: Record<string, string> = { ...enA1, ...enA2, ...enB, ...enC, ...enD, ...enE, ...enF };
