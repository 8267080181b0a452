// 阻碍执法事件 on a workshop's page, for those who see them (the police, the town, the office): the
// incidents, newest first, 记录 for those who may, and the police's update.
import { Button, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useWorkshopIncidents } from '../../api/incidents.js';
import { QueryError } from '../../components/QueryState.js';
import { t } from '../../i18n/index.js';
// The shutdown stage's page strings, registered when this module loads.
import '../../i18n/stage2.js';
import { IncidentFacts, IncidentForm, IncidentUpdateButton } from './IncidentParts.js';

export function WorkshopIncidents({ enterpriseId }: { enterpriseId: number }) {
  const list = useWorkshopIncidents(enterpriseId, true);
  const [recording, setRecording] = useState(false);
  return (
    <Card
      className="section-card"
      size="small"
      id="enterprise-incidents"
      title={t('incidents.title')}
      extra={
        list.data?.canRecord && (
          <Button size="small" danger onClick={() => setRecording(true)} id="incident-new">
            {t('incidents.new')}
          </Button>
        )
      }
    >
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('incidents.hint')}
          </Typography.Paragraph>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('incidents.empty')} style={{ margin: '8px 0' }} />
        </>
      ) : (
        list.data.items.map((i) => (
          <Flex key={i.id} vertical gap={4} className="remark">
            <IncidentFacts incident={i} />
            <div>
              <IncidentUpdateButton incident={i} enterpriseId={enterpriseId} />
            </div>
          </Flex>
        ))
      )}
      {recording && <IncidentForm enterpriseId={enterpriseId} onClose={() => setRecording(false)} />}
    </Card>
  );
}
