import { Spin } from 'antd';
import { Suspense } from 'react';
import { Navigate, ScrollRestoration, useLocation } from 'react-router';
import { useMe } from '../api/hooks.js';
import { QueryError } from '../components/QueryState.js';
import { lazyChunk } from './lazyChunk.js';
import { CurrentUserProvider } from '../auth/CurrentUser.js';

/** The signed-in shell (menu, header) loads after sign-in: the login page does not carry it. */
const AppLayout = lazyChunk(async () => ({ default: (await import('./AppLayout.js')).AppLayout }));

/** The signed-in part of the app: sends anonymous visitors to /login and remembers where they were going. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Spin size="large" fullscreen />;
  if (me.isError) return <QueryError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <CurrentUserProvider me={me.data}>
      <ScrollRestoration />
      <Suspense fallback={<Spin size="large" fullscreen />}>
        <AppLayout />
      </Suspense>
    </CurrentUserProvider>
  );
}
