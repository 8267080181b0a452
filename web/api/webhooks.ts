// TanStack Query hooks for the group robots (群机器人): the list with the units the user configures,
// adding, changing, removing, and a test message.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WebhookCreate, WebhookDto, WebhookListDto, WebhookTestResultDto, WebhookUpdate } from '../../domain/webhooks.js';
import { api } from './client.js';

const keys = { all: ['webhooks'] as const };

export function useWebhooks() {
  return useQuery({ queryKey: keys.all, queryFn: () => api.get<WebhookListDto>('/api/webhooks') });
}

export function useCreateWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: WebhookCreate) => api.post<WebhookDto>('/api/webhooks', body),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useUpdateWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: number; change: WebhookUpdate }) => api.patch<WebhookDto>(`/api/webhooks/${id}`, change),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useDeleteWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/api/webhooks/${id}`),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useTestWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.post<WebhookTestResultDto>(`/api/webhooks/${id}/test`, {}),
    onSettled: () => void qc.invalidateQueries({ queryKey: keys.all }),
  });
}
