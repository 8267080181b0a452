import { Empty, Skeleton, Timeline, Typography } from 'antd';
import type { CampaignDto, HistoryEntryDto } from '../../../../domain/api.js';
import { useEnterpriseHistory, useTowns, useVillages } from '../../../api/hooks.js';
import { QueryError } from '../../../components/QueryState.js';
import { formatDateTime } from '../../../format.js';
import { t } from '../../../i18n/index.js';
import { describeHistory, type HistoryNames } from './historyText.js';

const touchesVillage = (items: HistoryEntryDto[]) =>
  items.some((e) => e.action === 'enterprise.update' && typeof e.after === 'object' && e.after !== null && 'villageId' in e.after);

/** 变更记录: the workshop's audit trail, newest first. */
export function HistoryTimeline({ enterpriseId, campaign }: { enterpriseId: number; campaign: CampaignDto | undefined }) {
  const history = useEnterpriseHistory(enterpriseId);
  const towns = useTowns();
  const villages = useVillages(undefined, touchesVillage(history.data?.items ?? []));

  if (history.isPending) return <Skeleton active />;
  if (history.isError) return <QueryError error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.items.length === 0) return <Empty description={t('history.empty')} />;

  const names: HistoryNames = {
    item: (code) => campaign?.standardItems.find((s) => s.code === code)?.name ?? code,
    kind: (code) => campaign?.workshopKinds.find((k) => k.code === code)?.name ?? code,
    town: (id) => towns.data?.find((u) => u.id === id)?.name,
    village: (id) => villages.data?.find((u) => u.id === id)?.name,
  };
  const entries = [...history.data.items].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id));

  return (
    <div id="history-timeline">
    <Timeline
      style={{ paddingTop: 8 }}
      items={entries.map((entry) => {
        const text = describeHistory(entry, names);
        return {
          key: entry.id,
          color: text.tone,
          content: (
            <div>
              <div className="num muted" style={{ fontSize: 12 }}>
                {formatDateTime(entry.at)}
              </div>
              <Typography.Text strong>{text.title}</Typography.Text>
              <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                {entry.actor || t('history.system')}
              </Typography.Text>
              {text.lines.map((line, i) => (
                <div key={i} style={{ fontSize: 13, color: 'rgba(0,0,0,0.65)', whiteSpace: 'pre-wrap' }}>
                  {line}
                </div>
              ))}
            </div>
          ),
        };
      })}
    />
    </div>
  );
}
