import { Card, Statistic, Tooltip } from 'antd';
import { useNavigate } from 'react-router';
import type { DashboardTownRow } from '../../../domain/api.js';
import { STATUSES } from '../../../domain/status.js';
import { STATUS_CHART_COLORS } from '../../components/StatusTag.js';
import { percent } from '../../format.js';
import { t } from '../../i18n/index.js';
import { label } from '../../i18n/labels.js';

/** Share of workshops shut down or accepted, among those not excluded. */
export function completionRate(row: DashboardTownRow): number {
  return percent(row.byStatus.shut_down + row.byStatus.accepted, row.total - row.byStatus.excluded);
}

/** Total, completion rate and one tappable count per status (opens the filtered register). */
export function StatusStats({ row }: { row: DashboardTownRow }) {
  const navigate = useNavigate();
  return (
    <div className="stat-grid" id="status-stats">
      <div>
        <Card size="small" className="stat-card clickable-card" onClick={() => void navigate('/enterprises')}>
          <Statistic title={t('home.stat.total')} value={row.total} suffix={t('common.unit')} />
        </Card>
      </div>
      <div>
        <Tooltip title={t('home.stat.completionHint')}>
          <Card size="small" className="stat-card">
            <Statistic title={t('home.stat.completion')} value={completionRate(row)} precision={1} suffix="%" styles={{ content: { color: '#389e0d' } }} />
          </Card>
        </Tooltip>
      </div>
      {STATUSES.map((s) => (
        <div key={s}>
          <Card size="small" className="stat-card clickable-card" onClick={() => void navigate(`/enterprises?status=${s}`)}>
            <Statistic
              title={
                <span>
                  <span style={{ display: 'inline-block', width: 8, height: 8, borderRadius: 4, background: STATUS_CHART_COLORS[s], marginInlineEnd: 6 }} />
                  {label.status(s)}
                </span>
              }
              value={row.byStatus[s]}
            />
          </Card>
        </div>
      ))}
    </div>
  );
}
