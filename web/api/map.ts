// TanStack Query hooks for 一张图: the tile configuration and the towns' positions, the workshops in
// a view (clusters or points, with the list's filters), and a layer's records in a view.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MapAnswerDto, MapConfigDto, MapLayer, MapLayerDto } from '../../domain/map.js';
import type { EnterpriseListParams } from './hooks.js';
import { api } from './client.js';

/** A view as the API takes it (WGS-84 degrees, 6 decimals) and Leaflet's zoom. */
export interface MapView {
  south: number;
  west: number;
  north: number;
  east: number;
  zoom: number;
}

const viewQuery = (v: MapView) => ({ south: v.south.toFixed(6), west: v.west.toFixed(6), north: v.north.toFixed(6), east: v.east.toFixed(6), zoom: String(v.zoom) });

export function useMapConfig() {
  return useQuery({ queryKey: ['map', 'config'], queryFn: () => api.get<MapConfigDto>('/api/map/config'), staleTime: 5 * 60_000 });
}

export function useMapWorkshops(view: MapView | null, filters: Pick<EnterpriseListParams, 'town' | 'village' | 'status' | 'q' | 'pendingItem' | 'incomplete'>) {
  const clean = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== ''));
  return useQuery({
    queryKey: ['map', 'workshops', view, clean],
    queryFn: () => api.get<MapAnswerDto>('/api/map/workshops', { ...viewQuery(view!), ...clean }),
    enabled: view !== null,
    // While the next view loads, the last one stays drawn.
    placeholderData: keepPreviousData,
  });
}

export function useMapLayer(layer: MapLayer, view: MapView | null, enabled: boolean) {
  return useQuery({
    queryKey: ['map', 'layer', layer, view],
    queryFn: () => api.get<MapLayerDto>(`/api/map/${layer}`, viewQuery(view!)),
    enabled: enabled && view !== null,
    placeholderData: keepPreviousData,
  });
}
