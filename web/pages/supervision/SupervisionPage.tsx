// 长效监管: the patrols of shut sites (the sites due, overdue first when asked, and the latest patrols)
// and the supervisors on file (监管责任人), for the towns, villages, the office, the leaders, the liaison
// departments, the inspection group and discipline — each within their scope; and the power-data
// cross-check (用电核查) for those who may see it.
import { Card, Skeleton, Tabs } from 'antd';
import { Suspense } from 'react';
import { useSearchParams } from 'react-router';
import { useCurrentUser } from '../../auth/CurrentUser.js';
import { PageHeader } from '../../components/PageHeader.js';
import { t } from '../../i18n/index.js';
import '../../i18n/stage4.js';
import { ForbiddenPage } from '../NotFoundPage.js';
import { lazyChunk } from '../../layout/lazyChunk.js';
import { PatrolsTab } from './PatrolsTab.js';
import { SupervisorsTab } from './SupervisorsTab.js';

// Only those who see the power-data cross-check load it (the patrols on a phone do not).
const PowerTab = lazyChunk(async () => ({ default: (await import('./PowerTab.js')).PowerTab }));

export default function SupervisionPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  if (!me.abilities.viewSupervision) return <ForbiddenPage />;
  const asked = params.get('tab');
  const tab = asked === 'supervisors' || (asked === 'power' && me.abilities.viewPowerCheck) ? asked : 'patrols';
  return (
    <>
      <PageHeader title={t('sv.title')} subtitle={t('sv.hint')} />
      <Card className="section-card" size="small">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'patrols' ? {} : { tab: key }, { replace: true })}
          items={[
            { key: 'patrols', label: t('sv.tab.patrols'), children: <PatrolsTab /> },
            { key: 'supervisors', label: t('sv.tab.supervisors'), children: <SupervisorsTab /> },
            ...(me.abilities.viewPowerCheck ? [{ key: 'power', label: t('sv.tab.power'), children: <Suspense fallback={<Skeleton active />}><PowerTab /></Suspense> }] : []),
          ]}
        />
      </Card>
    </>
  );
}
