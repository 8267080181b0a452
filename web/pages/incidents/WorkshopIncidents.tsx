// 阻碍执法事件 on a workshop's page, for those who see them (the police, the town, the office): the
// incidents, newest first, 记录 for those who may, and the police's update.
import { Button } from 'antd';
import { useState } from 'react';
import type { IncidentDto } from '../../../domain/incidents.js';
import { useWorkshopIncidents } from '../../api/incidents.js';
import { WorkshopRecordsCard } from '../../components/WorkshopRecordsCard.js';
import { t } from '../../i18n/index.js';
// The shutdown stage's page strings, registered when this module loads.
import '../../i18n/stage2.js';
import { IncidentFacts, IncidentForm, IncidentUpdateButton } from './IncidentParts.js';

export function WorkshopIncidents({ enterpriseId }: { enterpriseId: number }) {
  const list = useWorkshopIncidents(enterpriseId, true);
  const [recording, setRecording] = useState(false);
  const extra = list.data?.canRecord && (
    <Button size="small" danger onClick={() => setRecording(true)} id="incident-new">
      {t('incidents.new')}
    </Button>
  );
  return (
    <>
      <WorkshopRecordsCard<IncidentDto> id="enterprise-incidents" title={t('incidents.title')} hint={t('incidents.hint')} empty={t('incidents.empty')} query={list} extra={extra} rowKey={(i) => i.id}>
        {(i) => (
          <>
            <IncidentFacts incident={i} />
            <div>
              <IncidentUpdateButton incident={i} enterpriseId={enterpriseId} />
            </div>
          </>
        )}
      </WorkshopRecordsCard>
      {recording && <IncidentForm enterpriseId={enterpriseId} onClose={() => setRecording(false)} />}
    </>
  );
}
