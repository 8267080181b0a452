import { RightOutlined } from '@ant-design/icons';
import { Badge, Card, Empty, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import type { Status } from '../../../domain/status.js';
import { useEnterpriseList } from '../../api/hooks.js';
import { StatusTag } from '../../components/StatusTag.js';
import { formatDateTime } from '../../format.js';
import { t } from '../../i18n/index.js';

interface Props {
  title: string;
  status: Status;
  /** Rows shown; the card links to the full filtered list. */
  limit?: number;
  id?: string;
  /** Stretch to the height of a grid cell. */
  fill?: boolean;
}

/**
 * A to-do card: the workshops in one status that waited longest since their last change, with
 * their count and a link to all of them.
 */
export function TodoList({ title, status, limit = 5, id, fill = false }: Props) {
  const list = useEnterpriseList({ status, page: 1, pageSize: limit, sort: 'updatedAt', order: 'asc' });
  const total = list.data?.total ?? 0;
  const all = `/enterprises?status=${status}&sort=updatedAt&order=asc`;
  return (
    <Card
      id={id}
      size="small"
      title={
        <span>
          {title} <Badge count={total} overflowCount={9999} showZero color={total > 0 ? '#fa8c16' : '#d9d9d9'} style={{ marginInlineStart: 4 }} />
        </span>
      }
      extra={total > 0 && <Link to={all}>{t('common.viewAll')}</Link>}
      style={fill ? { height: '100%' } : undefined}
    >
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} title={false} />
      ) : total === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.todo.none')} style={{ margin: '8px 0' }} />
      ) : (
        (list.data?.items ?? []).map((e) => (
          <Link key={e.id} to={`/enterprises/${e.id}`} className="todo-row">
            <div style={{ minWidth: 0 }}>
              <Typography.Text ellipsis style={{ display: 'block' }}>{e.name}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.townName}
                {e.villageName ? ` / ${e.villageName}` : ''} · {formatDateTime(e.updatedAt)}
              </Typography.Text>
            </div>
            <span style={{ flex: 'none' }}>
              <StatusTag status={e.status} /> <RightOutlined className="muted" style={{ fontSize: 11 }} />
            </span>
          </Link>
        ))
      )}
    </Card>
  );
}
