// A workshop's records of one kind on its page (阻碍执法事件, 违法案件…): a card with the kind's
// title and its 记录 button, the records newest first — or, while there are none, what they are
// for and that there are none — and the list's error with a retry.
import type { UseQueryResult } from '@tanstack/react-query';
import { Card, Empty, Flex, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { QueryError } from './QueryState.js';

interface Props<T> {
  id: string;
  title: string;
  /** What the records are, shown while there are none. */
  hint: string;
  empty: string;
  query: UseQueryResult<{ items: T[] }>;
  /** The 记录 button, for those who may record. */
  extra?: ReactNode;
  rowKey: (item: T) => number;
  children: (item: T) => ReactNode;
  /** Shown above the records (e.g. the patrol schedule). */
  note?: ReactNode;
}

export function WorkshopRecordsCard<T>({ id, title, hint, empty, query, extra, rowKey, children, note }: Props<T>) {
  return (
    <Card className="section-card" size="small" id={id} title={title} extra={extra}>
      {note}
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} title={false} />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {hint}
          </Typography.Paragraph>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} style={{ margin: '8px 0' }} />
        </>
      ) : (
        query.data.items.map((item) => (
          <Flex key={rowKey(item)} vertical gap={4} className="remark">
            {children(item)}
          </Flex>
        ))
      )}
    </Card>
  );
}
