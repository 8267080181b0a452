import type { CampaignDto } from '../../domain/api.js';
import { t } from '../i18n/index.js';

/**
 * The platform's name with the campaign's district in front (“<district>土小企业集中取缔工作平台”),
 * or the generic name while the campaign is not known (e.g. before login).
 */
export function platformName(campaign: CampaignDto | undefined, form: 'short' | 'full'): string {
  const district = campaign?.districtName;
  if (!district) return t(form === 'short' ? 'app.shortName' : 'app.fullName');
  return t(form === 'short' ? 'app.districtShortName' : 'app.districtFullName', { district });
}

/** What the browser tab shows: the product name and the platform's full name. */
export function documentTitle(campaign: CampaignDto | undefined): string {
  return t('app.documentTitle', { name: t('app.name'), platform: platformName(campaign, 'full') });
}
