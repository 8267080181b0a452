// 本部门协办请求: a department's open requests, the longest waiting first, with their count — the
// first card of its home page. Each row opens the workshop, where the department accepts, schedules
// and confirms with its photos; 查看全部 opens the queue.
import { RightOutlined } from '@ant-design/icons';
import { Button, Empty, Skeleton, Tag, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useRequestQueue } from '../../api/departmentRequests.js';
import { QueryError } from '../../components/QueryState.js';
import { metaLine, placeName } from '../../format.js';
import { t } from '../../i18n/index.js';
// The shutdown stage's page strings, registered when this module loads.
import '../../i18n/stage2.js';
import { label } from '../../i18n/labels.js';
import { TodoFrame } from './TodoList.js';
import { requestTiming } from '../departmentRequests/RequestActions.js';

export function RequestsCard({ limit = 5, id = 'todo-requests' }: { limit?: number; id?: string }) {
  const list = useRequestQueue({ status: 'open', page: 1, pageSize: limit });
  const navigate = useNavigate();
  const rows = list.data?.items ?? [];
  return (
    <TodoFrame
      id={id}
      title={t('requests.home.title')}
      total={list.data?.total ?? 0}
      extra={
        <Button type="link" size="small" onClick={() => void navigate('/requests')} id="todo-requests-all">
          {t('requests.home.all')}
        </Button>
      }
    >
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 3 }} title={false} />
      ) : list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.todo.none')} style={{ margin: '8px 0' }} />
      ) : (
        rows.map((r) => (
          <Link key={r.id} to={`/enterprises/${r.enterprise.id}`} className="todo-row" data-request={r.id}>
            <div style={{ minWidth: 0 }}>
              <Typography.Text ellipsis style={{ display: 'block' }}>
                {r.enterprise.name}
              </Typography.Text>
              <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
                {metaLine(r.itemName, placeName(r.enterprise), requestTiming(r))}
              </Typography.Text>
            </div>
            <span style={{ flex: 'none' }}>
              {r.overdue ? <Tag color="red">{t('requests.overdue')}</Tag> : <Tag>{label.requestStatus(r.status)}</Tag>}
              <RightOutlined className="muted" style={{ fontSize: 11 }} />
            </span>
          </Link>
        ))
      )}
    </TodoFrame>
  );
}
