import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useCampaign } from '../api/hooks.js';
import { t } from '../i18n/index.js';
import { daysLeftText } from './phaseText.js';

/** The campaign's current phase and the days left in it. */
export function PhaseBadge({ compact }: { compact: boolean }) {
  const { data: campaign } = useCampaign();
  const phase = campaign?.currentPhase;
  if (!phase) return null;
  const days = daysLeftText(phase);
  const overdue = phase.daysLeft !== null && phase.daysLeft < 0;
  const urgent = phase.daysLeft !== null && phase.daysLeft <= 2;
  const text = compact ? (days ?? phase.name) : days ? `${phase.name} · ${days}` : phase.name;
  return (
    <Tooltip title={t('common.labelled', { label: t('header.phase'), value: days ? `${phase.name}${t('common.parenthetical', { text: days })}` : phase.name })}>
      <Tag
        id="current-phase"
        icon={<ClockCircleOutlined />}
        color={overdue ? 'error' : urgent ? 'warning' : 'processing'}
        style={{ marginInlineEnd: 0, maxWidth: compact ? 140 : 360, overflow: 'hidden', textOverflow: 'ellipsis' }}
      >
        {text}
      </Tag>
    </Tooltip>
  );
}
