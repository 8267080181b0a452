import { Button, Skeleton } from 'antd';
import { Outcome } from './Outcome.js';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client.js';
import { t } from '../i18n/index.js';

interface Props<T> {
  query: UseQueryResult<T>;
  children: (data: T) => ReactNode;
  /** Rows of the skeleton shown while loading. */
  rows?: number;
}

/** Loading skeleton, error with retry, or the data — the three states of any fetched page part. */
export function QueryState<T>({ query, children, rows = 6 }: Props<T>) {
  if (query.isPending) return <Skeleton active paragraph={{ rows }} />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return <>{children(query.data)}</>;
}

export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const apiError = error instanceof ApiError ? error : null;
  if (apiError?.status === 404)
    return <Outcome status="404" title={t('common.notFound')} subTitle={apiError.detail} />;
  if (apiError?.status === 403)
    return <Outcome status="403" title={t('common.forbidden')} subTitle={apiError.detail} />;
  return (
    <Outcome
      status="warning"
      title={t('common.loadFailed')}
      subTitle={apiError?.detail ?? t('error.unexpected')}
      extra={onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}
