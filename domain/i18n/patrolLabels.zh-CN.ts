// Chinese labels of the patrols (巡查), shared by the server (audit history, exports) and the web's
// supervision pages; kept out of the main labels so that the login page does not carry them.
import type { PatrolVerdict } from '../workflows/patrol.js';

export const patrolVerdictLabels: Record<PatrolVerdict, string> = {
  holding: '保持取缔',
  concern: '发现疑点',
  producing: '恢复生产',
};
