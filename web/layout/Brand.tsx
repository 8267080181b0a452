import { useCampaign } from '../api/hooks.js';
import { t } from '../i18n/index.js';
import { platformName } from './platformName.js';

/** The product mark: a seal-like square with 取 and the product name beside it. */
export function Brand({ compact = false, dark = true }: { compact?: boolean; dark?: boolean }) {
  const { data: campaign } = useCampaign();
  return (
    <div className={`brand ${dark ? 'brand-dark' : 'brand-light'}`}>
      <span className="brand-seal" aria-hidden>
        {t('app.name').slice(0, 1)}
      </span>
      {!compact && (
        <span className="brand-text">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-sub">{platformName(campaign, 'short')}</span>
        </span>
      )}
    </div>
  );
}
