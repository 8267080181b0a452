// 待答复的督办: the open escalations (督办) on workshops in the user's scope, newest first, with
// their count — a town's to-do card (the same look as TodoCard). Each row opens the workshop, where
// the town answers in “帮包意见与督办”.
import { RightOutlined } from '@ant-design/icons';
import { Empty, Skeleton, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useOnlyTown } from '../../api/hooks.js';
import { useOpenEscalations } from '../../api/remarks.js';
import { QueryError } from '../../components/QueryState.js';
import { formatDate, formatDateTime, metaLine, placeName } from '../../format.js';
import { t } from '../../i18n/index.js';
import { TodoFrame } from './TodoList.js';

interface Props {
  /** Rows shown (the newest); the badge counts them all. */
  limit?: number;
  id?: string;
  /** Stretch to the height of a grid cell. */
  fill?: boolean;
}

export function EscalationsCard({ limit = 5, id = 'todo-escalations', fill = false }: Props) {
  const list = useOpenEscalations({ page: 1, pageSize: limit });
  // A town's staff see only their town: the rows name the village alone.
  const withTown = useOnlyTown() === undefined;
  const total = list.data?.total ?? 0;
  const rows = list.data?.items ?? [];
  return (
    <TodoFrame id={id} title={t('remarks.todo.title')} total={total} fill={fill}>
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} title={false} />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.todo.none')} style={{ margin: '8px 0' }} />
      ) : (
        rows.map((e) => (
          <Link key={e.id} to={`/enterprises/${e.enterprise.id}`} className="todo-row" data-escalation={e.id}>
            <div style={{ minWidth: 0 }}>
              <Typography.Text ellipsis style={{ display: 'block' }}>{e.enterprise.name}</Typography.Text>
              <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                {metaLine(placeName(e.enterprise, withTown), t('remarks.todo.from', { unit: e.authorUnit }), formatDateTime(e.createdAt))}
              </Typography.Text>
              <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                {e.text}
              </Typography.Text>
            </div>
            <span style={{ flex: 'none' }}>
              {e.overdue ? <Tag color="red">{t('remarks.overdue')}</Tag> : e.dueOn && <Tag>{t('remarks.due', { date: formatDate(e.dueOn) })}</Tag>}
              <RightOutlined className="muted" style={{ fontSize: 11 }} />
            </span>
          </Link>
        ))
      )}
    </TodoFrame>
  );
}
