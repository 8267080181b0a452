import { Card, Col, Row, Typography } from 'antd';
import { useCampaign } from '../../api/hooks.js';
import { assignmentLabel, useCurrentUser } from '../../auth/CurrentUser.js';
import { formatToday } from '../../format.js';
import { t } from '../../i18n/index.js';
import { CampaignCard } from './CampaignCard.js';
import { AgendaCard } from './AgendaCard.js';
import { AdminHome, DepartmentHome, InspectorHome, OverviewHome, QuickActions, RegisterHome } from './RoleHomes.js';

/** 工作台: "what must I do today", by role. */
export default function HomePage() {
  const me = useCurrentUser();
  const campaign = useCampaign();
  const kind = me.home;
  return (
    <>
      <Row justify="space-between" align="bottom" gutter={[8, 4]} style={{ marginBottom: 16 }}>
        <Col>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('home.greeting', { name: me.displayName })}
          </Typography.Title>
          <Typography.Text type="secondary">{me.roles.map(assignmentLabel).join(t('common.listSeparator'))}</Typography.Text>
        </Col>
        <Col>
          <Typography.Text type="secondary">{t('home.today', { date: formatToday() })}</Typography.Text>
        </Col>
      </Row>
      {/* What is due comes first, on a phone within the first screen; the notice and its phases last. */}
      <AgendaCard actions={kind === 'register' ? <QuickActions /> : undefined} />
      {kind === 'register' && <RegisterHome />}
      {kind === 'department' && <DepartmentHome />}
      {kind === 'inspector' && <InspectorHome />}
      {kind === 'overview' && <OverviewHome />}
      {kind === 'admin' && <AdminHome />}
      <div style={{ marginTop: 20 }}>{campaign.data ? <CampaignCard campaign={campaign.data} /> : <Card loading className="section-card" />}</div>
    </>
  );
}
