import { RightOutlined } from '@ant-design/icons';
import { Badge, Card, Empty, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { EnterpriseSummaryDto } from '../../../domain/api.js';
import type { Status } from '../../../domain/status.js';
import { useEnterpriseList, useOnlyTown } from '../../api/hooks.js';
import { StatusTag } from '../../components/StatusTag.js';
import { formatDateTime, metaLine, placeName } from '../../format.js';
import { t } from '../../i18n/index.js';

interface CardProps {
  title: string;
  /** How many workshops wait in all (the rows are the first few). */
  total: number;
  rows: EnterpriseSummaryDto[];
  loading: boolean;
  /** The full filtered list. */
  viewAll: string;
  id?: string;
  /** Stretch to the height of a grid cell. */
  fill?: boolean;
}

/** The frame of every to-do card: its title with the count (orange while anything waits), and what leads further. */
export function TodoFrame({ id, title, total, extra, fill = false, children }: { id?: string; title: string; total: number; extra?: ReactNode; fill?: boolean; children: ReactNode }) {
  return (
    <Card
      id={id}
      size="small"
      title={
        <span>
          {title} <Badge count={total} overflowCount={9999} showZero color={total > 0 ? '#fa8c16' : '#d9d9d9'} style={{ marginInlineStart: 4 }} />
        </span>
      }
      extra={extra}
      style={fill ? { height: '100%' } : undefined}
    >
      {children}
    </Card>
  );
}

/** A to-do card: a title with the count, a few workshops linking to their records, and "view all". */
export function TodoCard({ title, total, rows, loading, viewAll, id, fill = false }: CardProps) {
  // A town's staff see only their town: the rows name the village alone.
  const withTown = useOnlyTown() === undefined;
  return (
    <TodoFrame id={id} title={title} total={total} fill={fill} extra={total > 0 && <Link to={viewAll}>{t('common.viewAll')}</Link>}>
      {loading ? (
        <Skeleton active paragraph={{ rows: 3 }} title={false} />
      ) : total === 0 || rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.todo.none')} style={{ margin: '8px 0' }} />
      ) : (
        rows.map((e) => (
          <Link key={e.id} to={`/enterprises/${e.id}`} className="todo-row">
            <div style={{ minWidth: 0 }}>
              <Typography.Text ellipsis style={{ display: 'block' }}>{e.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {metaLine(placeName(e, withTown), formatDateTime(e.updatedAt))}
              </Typography.Text>
            </div>
            <span style={{ flex: 'none' }}>
              <StatusTag status={e.status} /> <RightOutlined className="muted" style={{ fontSize: 11 }} />
            </span>
          </Link>
        ))
      )}
    </TodoFrame>
  );
}

interface Props {
  title: string;
  status: Status;
  /** Rows shown; the card links to the full filtered list. */
  limit?: number;
  id?: string;
  fill?: boolean;
}

/** The workshops in one status that waited longest since their last change. */
export function TodoList({ title, status, limit = 5, id, fill }: Props) {
  const list = useEnterpriseList({ status, page: 1, pageSize: limit, sort: 'updatedAt', order: 'asc' });
  return (
    <TodoCard
      id={id}
      fill={fill}
      title={title}
      total={list.data?.total ?? 0}
      rows={list.data?.items ?? []}
      loading={list.isPending}
      viewAll={`/enterprises?status=${status}&sort=updatedAt&order=asc`}
    />
  );
}

/**
 * A department's queue for one standard item: open workshops where the item is still pending,
 * longest waiting first (the server leaves excluded sites out of the queue).
 */
export function PendingItemQueue({ code, title, limit = 6, id, fill }: { code: string; title: string; limit?: number; id?: string; fill?: boolean }) {
  const list = useEnterpriseList({ pendingItem: code, page: 1, pageSize: limit, sort: 'updatedAt', order: 'asc' });
  const rows = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  return (
    <TodoCard
      id={id}
      fill={fill}
      title={title}
      total={total}
      rows={rows}
      loading={list.isPending}
      viewAll={`/enterprises?pendingItem=${encodeURIComponent(code)}`}
    />
  );
}
