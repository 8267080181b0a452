import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { antdLocale, restoreLocale } from './i18n/index.js';
import { queryClient } from './queryClient.js';
import { router } from './router.js';
import { theme } from './theme.js';
import './styles.css';

// The language chosen before (English is fetched first); Chinese renders at once.
void restoreLocale().then(() =>
  createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={antdLocale()} theme={theme}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
  ),
);
