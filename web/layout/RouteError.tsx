import { Button } from 'antd';
import { Outcome } from '../components/Outcome.js';
import { useState } from 'react';
import { useRouteError } from 'react-router';
import { t } from '../i18n/index.js';
import { ChunkLoadError, serverReachable } from './lazyChunk.js';

/**
 * What a route shows when it fails to render: for a part of the app that could not be fetched, a
 * Chinese 网络不可用 message with a retry that reloads only once the server answers (so never into
 * the browser's error page); for anything else, a generic error with a way home.
 */
export function RouteError() {
  const error = useRouteError();
  const [checking, setChecking] = useState(false);
  const [stillOffline, setStillOffline] = useState(false);
  const offline = error instanceof ChunkLoadError;
  const retry = async () => {
    setChecking(true);
    const reachable = await serverReachable();
    setChecking(false);
    if (reachable) window.location.reload();
    else setStillOffline(true);
  };
  if (offline)
    return (
      <Outcome
        status="warning"
        title={t('error.offlineTitle')}
        subTitle={stillOffline ? t('error.stillOffline') : t('error.offlineHint')}
        extra={
          <Button type="primary" loading={checking} onClick={() => void retry()} id="offline-retry">
            {t('common.retry')}
          </Button>
        }
      />
    );
  return (
    <Outcome
      status="error"
      title={t('error.pageFailed')}
      subTitle={error instanceof Error ? error.message : undefined}
      extra={
        <Button type="primary" href="/">
          {t('error.backHome')}
        </Button>
      }
    />
  );
}
