// TanStack Query hooks for the inbox: the unread count the header polls (every minute, and when the
// window regains focus), the notices page by page, and marking read.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationCountDto, NotificationListDto } from '../../domain/notifications.js';
import { api } from './client.js';

const keys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  list: (unreadOnly: boolean, page: number) => ['notifications', 'list', unreadOnly, page] as const,
};

export function useUnreadCount() {
  return useQuery({ queryKey: keys.unread, queryFn: () => api.get<NotificationCountDto>('/api/notifications/unread'), refetchInterval: 60_000, staleTime: 30_000 });
}

export function useNotifications(unreadOnly: boolean, page: number, pageSize: number) {
  return useQuery({
    queryKey: keys.list(unreadOnly, page),
    queryFn: () => api.get<NotificationListDto>('/api/notifications', { ...(unreadOnly ? { unread: 'true' } : {}), page, pageSize }),
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number | 'all') => api.post<NotificationCountDto>(id === 'all' ? '/api/notifications/read-all' : `/api/notifications/${id}/read`, {}),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}
