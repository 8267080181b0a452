// One page of a server-paged list (items and total): the list's error with a retry, or the rows in a
// DataTable (cards on a phone) with the pager. The pages of the shutdown stage's records use it.
import type { UseQueryResult } from '@tanstack/react-query';
import { DataTable, type DataTableProps } from './DataTable.js';
import { QueryError } from './QueryState.js';

interface Props<T> extends Omit<DataTableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'locale' | 'size'> {
  query: UseQueryResult<{ items: T[]; total: number }>;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
  empty: string;
}

export function PagedList<T extends object>({ query, page, pageSize, onPage, empty, ...table }: Props<T>) {
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <DataTable<T>
      {...table}
      size="small"
      dataSource={query.data?.items}
      loading={query.isPending}
      locale={{ emptyText: empty }}
      pagination={{ current: page, pageSize, total: query.data?.total ?? 0, showSizeChanger: false, onChange: onPage }}
    />
  );
}
