// 违法案件 on a workshop's page, for those who see them (the case departments, the police, the town,
// the office, leaders, discipline): the cases, newest first, 登记 for the departments that record
// them, and each case's penalty, transfers and signing.
import { Button, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useWorkshopCases } from '../../api/cases.js';
import { QueryError } from '../../components/QueryState.js';
import { t } from '../../i18n/index.js';
// The shutdown stage's page strings, registered when this module loads.
import '../../i18n/stage2.js';
import { CaseActions, CaseFacts, CaseForm } from './CaseParts.js';

export function WorkshopCases({ enterpriseId }: { enterpriseId: number }) {
  const list = useWorkshopCases(enterpriseId);
  const [recording, setRecording] = useState(false);
  return (
    <Card
      className="section-card"
      size="small"
      id="enterprise-cases"
      title={t('cases.title')}
      extra={
        list.data?.canRecord && (
          <Button size="small" onClick={() => setRecording(true)} id="case-new">
            {t('cases.new')}
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
            {t('cases.hint')}
          </Typography.Paragraph>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.empty')} style={{ margin: '8px 0' }} />
        </>
      ) : (
        list.data.items.map((c) => (
          <Flex key={c.id} vertical gap={4} className="remark">
            <CaseFacts kase={c} />
            <CaseActions kase={c} policeUnits={list.data.policeUnits} />
          </Flex>
        ))
      )}
      {recording && <CaseForm enterpriseId={enterpriseId} onClose={() => setRecording(false)} />}
    </Card>
  );
}
