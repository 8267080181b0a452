// What a rejected workshop's banner says: why the inspection group rejected it, what it found, and
// what the town must redo. A rejection leaves the standard items' records in place (they still read
// 已完成), so the banner has to say that rectifying means recording the items concerned again.
import type { RejectionDto } from '../../../../domain/api.js';
import { formatDateTime } from '../../../format.js';
import { t } from '../../../i18n/index.js';
import { label } from '../../../i18n/labels.js';

export interface RejectionText {
  /** 未通过原因：行动不力、未按要求完成 */
  reasons: string;
  /** 发现的问题：… (the inspectors' own words) */
  findings: string;
  /** 须整改：what the town does next, and what happens then. */
  redo: string;
  /** 验收组 张三 · 2016-05-18 10:00 */
  by: string;
}

export function rejectionText(r: RejectionDto): RejectionText {
  return {
    reasons: t('common.labelled', { label: t('verdict.reasons'), value: r.reasons.map(label.verdictReason).join(t('common.listSeparator')) || t('common.empty') }),
    findings: t('common.labelled', { label: t('rejection.findings'), value: r.findings }),
    redo: t('common.labelled', { label: t('rejection.redoLabel'), value: t('rejection.redo') }),
    by: t('rejection.by', { who: r.inspector || t('rejection.inspectors'), at: formatDateTime(r.at) }),
  };
}
