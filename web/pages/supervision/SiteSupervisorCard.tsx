// 村居监管责任人 on a workshop's page (shut down, accepted, recurred): who watches the site, 明确 / 变更 for
// those who may, and the people named before.
import { Button, Card, Collapse, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useAssignSiteSupervisor, useSiteSupervisor } from '../../api/supervisors.js';
import { QueryError } from '../../components/QueryState.js';
import { t } from '../../i18n/index.js';
// The supervision stage's page strings, registered when this module loads.
import '../../i18n/stage4.js';
import { PersonLine, roleLabel, SupervisorForm, SupervisorHistory } from './SupervisorParts.js';

export function SiteSupervisorCard({ enterpriseId }: { enterpriseId: number }) {
  const query = useSiteSupervisor(enterpriseId);
  const assign = useAssignSiteSupervisor(enterpriseId);
  const [editing, setEditing] = useState(false);
  const data = query.data;
  const extra = data?.canAssign && (
    <Button size="small" type={data.current ? 'default' : 'primary'} onClick={() => setEditing(true)} id="supervisor-assign">
      {t(data.current ? 'sup.change' : 'sup.assign', { role: roleLabel('village_contact') })}
    </Button>
  );
  return (
    <Card className="section-card" size="small" id="enterprise-supervisor" title={t('sup.site.title')} extra={extra}>
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} title={false} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          {query.data.current ? (
            <PersonLine person={query.data.current} id="supervisor-current" />
          ) : (
            <>
              <Typography.Text type="warning" strong id="supervisor-none">
                {t('sup.site.none')}
              </Typography.Text>
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
                {t('sup.site.hint')}
              </Typography.Paragraph>
            </>
          )}
          {query.data.history.length > 0 && (
            <Collapse
              ghost
              size="small"
              style={{ marginTop: 4 }}
              items={[
                {
                  key: 'history',
                  label: t('sup.history.count', { count: query.data.history.length }),
                  children: <SupervisorHistory current={query.data.current ? [query.data.current] : []} history={query.data.history} showRole={false} />,
                },
              ]}
            />
          )}
        </>
      )}
      {editing && data && (
        <SupervisorForm
          role="village_contact"
          current={data.current}
          subject={data.enterpriseName}
          pending={assign.isPending}
          submit={(body, done) => assign.mutate(body, done)}
          onClose={() => setEditing(false)}
          onReload={() => void query.refetch()}
        />
      )}
    </Card>
  );
}
