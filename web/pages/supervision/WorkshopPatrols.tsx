// 巡查记录 on a workshop's page: its patrol schedule (every N days, the next due day, overdue), the
// patrols newest first, and 记录巡查 for those who patrol it while it is under patrol.
import { Button, Typography } from 'antd';
import { useState } from 'react';
import type { PatrolDto, PatrolScheduleDto } from '../../../domain/patrols.js';
import { daysBetween, todayInChina } from '../../../domain/time.js';
import { useCampaign } from '../../api/hooks.js';
import { useWorkshopPatrols } from '../../api/patrols.js';
import { WorkshopRecordsCard } from '../../components/WorkshopRecordsCard.js';
import { formatDate } from '../../format.js';
import { t } from '../../i18n/index.js';
import '../../i18n/stage4.js';
import { PatrolDialog, PatrolFacts } from './PatrolParts.js';

function scheduleText(s: PatrolScheduleDto): string {
  if (!s.underPatrol) return t('patrol.notUnder');
  if (s.everyDays === null || s.dueOn === null) return t('patrol.scheduleNone');
  return s.overdue
    ? t('patrol.scheduleOverdue', { every: s.everyDays, due: formatDate(s.dueOn), days: daysBetween(s.dueOn, todayInChina()) })
    : t('patrol.schedule', { every: s.everyDays, due: formatDate(s.dueOn) });
}

export function WorkshopPatrols({ enterpriseId, name }: { enterpriseId: number; name: string }) {
  const list = useWorkshopPatrols(enterpriseId, true);
  const campaign = useCampaign();
  const [recording, setRecording] = useState(false);
  const itemName = (code: string) => campaign.data?.standardItems.find((i) => i.code === code)?.name ?? code;
  const schedule = list.data?.schedule;
  const note = schedule && (
    <Typography.Paragraph type={schedule.overdue ? 'danger' : 'secondary'} id="patrol-schedule" style={{ fontSize: 12 }}>
      {scheduleText(schedule)}
      {schedule.lastPatrolOn && ` · ${t('patrol.last', { date: formatDate(schedule.lastPatrolOn) })}`}
    </Typography.Paragraph>
  );
  const extra = list.data?.canRecord && (
    <Button size="small" type="primary" onClick={() => setRecording(true)} id="patrol-new">
      {t('patrol.new')}
    </Button>
  );
  return (
    <>
      <WorkshopRecordsCard<PatrolDto> id="enterprise-patrols" title={t('patrol.title')} hint={t('patrol.hint')} empty={t('patrol.empty')} query={list} extra={extra} note={note} rowKey={(p) => p.id}>
        {(p) => <PatrolFacts patrol={p} itemName={itemName} />}
      </WorkshopRecordsCard>
      {recording && <PatrolDialog enterpriseId={enterpriseId} name={name} onClose={() => setRecording(false)} />}
    </>
  );
}
