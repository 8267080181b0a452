import { CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, InfoCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Badge, Card, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { AgendaEntryDto } from '../../../domain/agenda.js';
import { useAgenda } from '../../api/agenda.js';
import { useCampaign } from '../../api/hooks.js';
import { QueryState } from '../../components/QueryState.js';
import { formatMonthDay } from '../../format.js';
import { t } from '../../i18n/index.js';

/** When a deadline falls, in words: 今天截止, 还剩 3 天, 已逾期 2 天. */
function deadlineText(e: AgendaEntryDto): string | null {
  if (e.due === null || e.daysLeft === null) return null;
  const due = formatMonthDay(e.due);
  if (e.daysLeft < 0) return t('agenda.deadline.past', { due, days: -e.daysLeft });
  if (e.daysLeft === 0) return t('agenda.deadline.today', { due });
  return t('agenda.deadline.left', { due, days: e.daysLeft });
}

/** The entry's words and where it leads. */
function describe(e: AgendaEntryDto, itemName: (code: string) => string): { text: string; to: string } {
  const town = e.townName ?? '';
  const report = `/reports/towns/${e.townId ?? ''}`;
  switch (e.kind) {
    case 'report_to_sign':
      return { text: t('agenda.report_to_sign', { town }), to: report };
    case 'report_overdue':
      return { text: t('agenda.report_overdue', { town }), to: report };
    case 'report_unsigned':
      return { text: t('agenda.report_unsigned', { town }), to: report };
    case 'report_due':
      return { text: t('agenda.report_due', { town }), to: report };
    case 'escalations_open':
      return { text: t('agenda.escalations_open', { count: e.count }), to: '#todo-escalations' };
    case 'towns_late':
      return { text: t('agenda.towns_late', { count: e.count, of: e.of, names: e.names.join(t('common.listSeparator')) }), to: '/reports' };
    case 'towns_reported':
      return { text: t('agenda.towns_reported', { count: e.count, of: e.of }), to: '/reports' };
    case 'incomplete':
      return { text: t('agenda.incomplete', { count: e.count }), to: '/enterprises?incomplete=1' };
    case 'item_pending':
      return { text: t('agenda.item_pending', { count: e.count, item: itemName(e.itemCode ?? '') }), to: `/enterprises?pendingItem=${encodeURIComponent(e.itemCode ?? '')}` };
    case 'rejected':
      return { text: t('agenda.rejected', { count: e.count }), to: '/enterprises?status=rejected' };
    case 'recurred':
      return { text: t('agenda.recurred', { count: e.count }), to: '/enterprises?status=recurred' };
    case 'awaiting_acceptance':
      return { text: t('agenda.awaiting_acceptance', { count: e.count }), to: '/enterprises?status=shut_down' };
    case 'clues_open':
      return { text: t('agenda.clues_open', { count: e.count }), to: '/self-inspection' };
    case 'patrols_overdue':
      return { text: t('agenda.patrols_overdue', { count: e.count }), to: '/supervision?overdue=1' };
    case 'patrols_due':
      return { text: t('agenda.patrols_due', { count: e.count }), to: '/supervision' };
    case 'tips_received':
      return { text: t('agenda.tips_received', { count: e.count }), to: '/tips?status=received' };
    case 'tips_assigned':
      return { text: t('agenda.tips_assigned', { count: e.count }), to: '/tips?status=assigned' };
    case 'power_flags_open':
      return { text: t('agenda.power_flags_open', { count: e.count }), to: '/supervision?tab=power' };
  }
}

/** A route, or a card further down this page (#…), which the browser scrolls to. */
function EntryLink({ to, children }: { to: string; children: ReactNode }) {
  return to.startsWith('#') ? <a href={to}>{children}</a> : <Link to={to}>{children}</Link>;
}

function icon(e: AgendaEntryDto): ReactNode {
  if (e.urgent) return <ExclamationCircleOutlined style={{ color: '#cf1322' }} />;
  if (e.due !== null) return <ClockCircleOutlined style={{ color: '#d46b08' }} />;
  return <InfoCircleOutlined style={{ color: '#1677ff' }} />;
}

/**
 * 今日待办: the first card of every home page, the server's list of what this user must do, the
 * urgent first. `actions` (e.g. 现场登记) sit at its top, within a phone's first screen.
 */
export function AgendaCard({ actions }: { actions?: ReactNode }) {
  const agenda = useAgenda();
  const campaign = useCampaign();
  const itemName = (code: string) => campaign.data?.standardItems.find((s) => s.code === code)?.name ?? code;
  const urgent = agenda.data?.entries.filter((e) => e.urgent).length ?? 0;
  return (
    <Card
      id="agenda"
      size="small"
      className="section-card"
      title={
        <span>
          {t('agenda.title')} {urgent > 0 && <Badge count={urgent} title={t('agenda.urgentCount', { count: urgent })} style={{ marginInlineStart: 4 }} />}
        </span>
      }
    >
      {actions && <div style={{ marginBottom: 12 }}>{actions}</div>}
      <QueryState query={agenda} rows={3}>
        {(d) =>
          d.entries.length === 0 ? (
            <Typography.Text type="success" id="agenda-empty">
              <CheckCircleOutlined /> {t('agenda.none')}
            </Typography.Text>
          ) : (
            <Flex vertical gap={4} component="ul" className="agenda-list">
              {d.entries.map((e, i) => {
                const { text, to } = describe(e, itemName);
                const deadline = deadlineText(e);
                return (
                  <li key={`${e.kind}-${e.townId ?? ''}-${e.itemCode ?? ''}-${i}`} className={`agenda-entry${e.urgent ? ' agenda-urgent' : ''}`} data-kind={e.kind}>
                    <EntryLink to={to}>
                      <Flex gap={8} align="start">
                        <span className="agenda-icon">{icon(e)}</span>
                        <span className="agenda-text">
                          <Typography.Text strong={e.urgent}>{text}</Typography.Text>
                          {deadline && (
                            <Typography.Text type={e.urgent ? 'danger' : 'secondary'} className="agenda-deadline">
                              {deadline}
                            </Typography.Text>
                          )}
                        </span>
                        <RightOutlined className="agenda-arrow" />
                      </Flex>
                    </EntryLink>
                  </li>
                );
              })}
            </Flex>
          )
        }
      </QueryState>
    </Card>
  );
}
