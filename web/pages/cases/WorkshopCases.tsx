// 违法案件 on a workshop's page, for those who see them (the case departments, the police, the town,
// the office, leaders, discipline): the cases, newest first, 登记 for the departments that record
// them, and each case's penalty, transfers and signing.
import { Button } from 'antd';
import { useState } from 'react';
import type { CaseDto } from '../../../domain/cases.js';
import { useWorkshopCases } from '../../api/cases.js';
import { WorkshopRecordsCard } from '../../components/WorkshopRecordsCard.js';
import { t } from '../../i18n/index.js';
// The shutdown stage's page strings, registered when this module loads.
import '../../i18n/stage2.js';
import { CaseActions, CaseFacts, CaseForm } from './CaseParts.js';

export function WorkshopCases({ enterpriseId }: { enterpriseId: number }) {
  const list = useWorkshopCases(enterpriseId);
  const [recording, setRecording] = useState(false);
  const extra = list.data?.canRecord && (
    <Button size="small" onClick={() => setRecording(true)} id="case-new">
      {t('cases.new')}
    </Button>
  );
  return (
    <>
      <WorkshopRecordsCard<CaseDto> id="enterprise-cases" title={t('cases.title')} hint={t('cases.hint')} empty={t('cases.empty')} query={list} extra={extra} rowKey={(c) => c.id}>
        {(c) => (
          <>
            <CaseFacts kase={c} />
            <CaseActions kase={c} policeUnits={list.data?.policeUnits ?? []} />
          </>
        )}
      </WorkshopRecordsCard>
      {recording && <CaseForm enterpriseId={enterpriseId} onClose={() => setRecording(false)} />}
    </>
  );
}
