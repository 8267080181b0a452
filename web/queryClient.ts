import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/client.js';
import { keys } from './api/hooks.js';

/**
 * One client for the app. A 401 from any call means the session ended: forgetting the user makes
 * the signed-in shell redirect to /login. Client errors (4xx) are not retried.
 */
export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: sessionEnded }),
  mutationCache: new MutationCache({ onError: sessionEnded }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
    },
  },
});

function sessionEnded(error: unknown): void {
  if (error instanceof ApiError && error.isUnauthenticated && queryClient.getQueryData(keys.me)) queryClient.setQueryData(keys.me, null);
}
