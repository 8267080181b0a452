// 今日待办: the server's list of what the signed-in user must do, counted within their scope.
import { useQuery } from '@tanstack/react-query';
import type { AgendaDto } from '../../domain/agenda.js';
import { api } from './client.js';

export const agendaKey = ['agenda'] as const;

export function useAgenda() {
  // Every change elsewhere (an item recorded, a report signed) may change it: read it afresh whenever the home page shows.
  return useQuery({ queryKey: agendaKey, queryFn: () => api.get<AgendaDto>('/api/agenda'), refetchOnMount: 'always' });
}
