import type { CampaignRecord } from '../../repositories/campaigns.js';
import { invalid } from '../../errors.js';

/** The workshop kind must be one the campaign defines (小颗粒加工, 小洗选, 其他…). */
export function checkKind(campaign: CampaignRecord, kind: string): void {
  if (!campaign.definition.workshopKinds.some((k) => k.code === kind)) throw invalid('企业类型不正确', [{ path: 'kind', message: '请从列表中选择企业类型' }]);
}
