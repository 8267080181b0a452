// 一张图: every workshop in the reader's scope on a Leaflet map, coloured by status. The server
// clusters (GET /api/map/workshops answers counts per grid cell when zoomed out, single workshops at
// street scale); the filters are the register list's, kept in the URL, so the list and the map show
// the same workshops. Tips, patrols and joint operations are layers. The base map is whatever tile
// server the deployment names (MAP_TILE_URL; 高德 tiles are GCJ-02, so positions are shifted for
// display with gcoord); without one, or when its tiles cannot be reached, a plain grid with the towns.
import { BarsOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Flex, Tag, Typography } from 'antd';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useMemo, useState } from 'react';
import { CircleMarker, MapContainer, Marker, Tooltip, useMap, useMapEvents } from 'react-leaflet';
import { Link, useNavigate } from 'react-router';
import { MAP_LAYERS, type MapClusterDto, type MapConfigDto, type MapLayer } from '../../../domain/map.js';
import { STATUSES, type Status } from '../../../domain/status.js';
import { useMapConfig, useMapLayer, useMapWorkshops, type MapView } from '../../api/map.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { STATUS_CHART_COLORS } from '../../components/StatusTag.js';
import { formatCount } from '../../format.js';
import { t } from '../../i18n/index.js';
import { label } from '../../i18n/labels.js';
import '../../i18n/map.js';
import { EnterpriseFilters } from '../enterprises/EnterpriseFilters.js';
import { useListParams } from '../enterprises/useListParams.js';
import { GCJ02, WGS84, type Projection } from './projection.js';
import { TileBase } from './TileBase.js';

const LAYER_STYLE: Record<MapLayer, { glyph: string; color: string }> = {
  tips: { glyph: '▲', color: '#d4380d' },
  patrols: { glyph: '■', color: '#1d39c4' },
  operations: { glyph: '◆', color: '#531dab' },
};

/** A cluster: a disc sized by its count, its ring the share of each status. */
function clusterIcon(c: MapClusterDto): L.DivIcon {
  const size = Math.round(Math.min(64, 26 + Math.log10(c.n) * 12));
  let at = 0;
  const stops = STATUSES.filter((s) => c.byStatus[s]).map((s) => {
    const from = at;
    at += (c.byStatus[s]! / c.n) * 360;
    return `${STATUS_CHART_COLORS[s]} ${from}deg ${at}deg`;
  });
  return L.divIcon({
    className: 'map-cluster-icon',
    iconSize: [size, size],
    html: `<div class="map-cluster" data-n="${c.n}" style="width:${size}px;height:${size}px;background:conic-gradient(${stops.join(',')})"><span>${formatCount(c.n)}</span></div>`,
  });
}

const layerIcon = (layer: MapLayer) =>
  L.divIcon({ className: `map-layer-icon map-layer-${layer}`, iconSize: [16, 16], html: `<span style="color:${LAYER_STYLE[layer].color}">${LAYER_STYLE[layer].glyph}</span>` });

/** The plain base map: a latitude/longitude grid drawn per tile, with the tile's corner labelled. */
const PlainGrid = L.GridLayer.extend({
  createTile(this: L.GridLayer, coords: L.Coords) {
    const tile = document.createElement('canvas');
    const size = this.getTileSize();
    tile.width = size.x;
    tile.height = size.y;
    const g = tile.getContext('2d');
    if (g) {
      g.fillStyle = '#f4f6f8';
      g.fillRect(0, 0, size.x, size.y);
      g.strokeStyle = '#d9dee4';
      g.strokeRect(0.5, 0.5, size.x, size.y);
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- _map is Leaflet's own field on a layer
      const map = (this as any)._map as L.Map;
      const corner = map.unproject(L.point(coords.x * size.x, coords.y * size.y), coords.z);
      g.fillStyle = '#8c96a0';
      g.font = '11px sans-serif';
      g.fillText(`${corner.lat.toFixed(3)}°N ${corner.lng.toFixed(3)}°E`, 6, 14);
    }
    return tile;
  },
});

function PlainBase() {
  const map = useMap();
  useEffect(() => {
    const layer = new (PlainGrid as unknown as new (o: L.GridLayerOptions) => L.GridLayer)({ className: 'map-plain-grid' });
    layer.addTo(map);
    return () => void layer.remove();
  }, [map]);
  return null;
}

/** Reports the view (in WGS-84) once the map is ready and after every move or zoom. */
function ViewWatcher({ onView, projection }: { onView: (v: MapView) => void; projection: Projection }) {
  const report = (map: L.Map) => {
    const b = map.getBounds();
    const [south, west] = projection.back(b.getSouth(), b.getWest());
    const [north, east] = projection.back(b.getNorth(), b.getEast());
    const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
    onView({ south: clamp(south, -90, 90), west: clamp(west, -180, 180), north: clamp(north, -90, 90), east: clamp(east, -180, 180), zoom: Math.max(1, Math.min(20, Math.round(map.getZoom()))) });
  };
  const map = useMapEvents({ moveend: () => report(map) });
  useEffect(() => report(map), [map, projection]); // eslint-disable-line react-hooks/exhaustive-deps -- once per map and projection
  return null;
}

/** The first view: where the workshops in scope lie, or the district's middle when none has a position. */
function initialBounds(config: MapConfigDto | undefined, projection: Projection): L.LatLngBounds | null {
  const e = config?.extent;
  if (!e) return null;
  return L.latLngBounds(projection.show(e.south, e.west), projection.show(e.north, e.east));
}

export default function MapPage() {
  const { params, update, hasFilters } = useListParams();
  const config = useMapConfig();
  const navigate = useNavigate();
  const [view, setView] = useState<MapView | null>(null);
  const [shown, setShown] = useState<MapLayer[]>([]);
  const [tilesFailed, setTilesFailed] = useState(false);
  const tiles = config.data?.tiles ?? null;
  const useTiles = tiles !== null && !tilesFailed;
  const projection = useTiles && tiles.coords === 'gcj02' ? GCJ02 : WGS84;
  const filters = { town: params.town, village: params.village, status: params.status, q: params.q, pendingItem: params.pendingItem, incomplete: params.incomplete };
  const workshops = useMapWorkshops(view, filters);
  const layerData = {
    tips: useMapLayer('tips', view, shown.includes('tips')),
    patrols: useMapLayer('patrols', view, shown.includes('patrols')),
    operations: useMapLayer('operations', view, shown.includes('operations')),
  };
  const bounds = useMemo(() => initialBounds(config.data, projection), [config.data, projection]);
  const listSearch = new URLSearchParams(Object.entries(filters).filter((e): e is [string, string] => !!e[1])).toString();
  const answer = workshops.data;
  const allowedLayers = MAP_LAYERS.filter((l) => config.data?.layers.includes(l));

  return (
    <>
      <PageHeader
        title={t('nav.map')}
        subtitle={t('map.subtitle')}
        extra={
          <Link to={`/enterprises${listSearch ? `?${listSearch}` : ''}`} id="map-to-list">
            <Button icon={<BarsOutlined />}>{t('map.toList')}</Button>
          </Link>
        }
      />
      <EnterpriseFilters params={params} update={(patch) => update({ ...patch, page: 1 })} hasFilters={hasFilters} />
      <Card size="small" style={{ marginBlock: 12 }}>
        <Flex gap={12} wrap align="center" justify="space-between">
          <Flex gap={6} wrap align="center" id="map-legend">
            {STATUSES.map((s: Status) => (
              <Tag key={s} color={STATUS_CHART_COLORS[s]} style={{ marginInlineEnd: 0 }}>
                {label.status(s)}
                {answer?.mode === 'clusters' || answer?.mode === 'points' ? ` ${countOf(answer, s)}` : ''}
              </Tag>
            ))}
          </Flex>
          {allowedLayers.length > 0 && (
            <Flex gap={8} align="center" wrap>
              <Typography.Text type="secondary">{t('map.layers')}</Typography.Text>
              <Checkbox.Group
                className="map-layers"
                value={shown}
                onChange={(v) => setShown(v as MapLayer[])}
                options={allowedLayers.map((l) => ({ value: l, label: <span><span style={{ color: LAYER_STYLE[l].color }}>{LAYER_STYLE[l].glyph}</span> {t(`map.layer.${l}`)}</span> }))}
              />
            </Flex>
          )}
        </Flex>
        <Flex gap={12} wrap style={{ marginTop: 8 }}>
          <Typography.Text id="map-total">{answer ? t('map.inView', { total: formatCount(answer.total) }) : ' '}</Typography.Text>
          {answer?.unlocated ? <Typography.Text type="secondary" id="map-unlocated">{t('map.unlocated', { count: formatCount(answer.unlocated) })}</Typography.Text> : null}
          {MAP_LAYERS.filter((l) => shown.includes(l) && layerData[l].data?.capped).map((l) => (
            <Typography.Text type="warning" key={l}>
              {t('map.layerCapped', { layer: t(`map.layer.${l}`) })}
            </Typography.Text>
          ))}
        </Flex>
      </Card>
      {config.data && !useTiles && <Alert type="info" showIcon id="map-plain-note" style={{ marginBottom: 8 }} title={tilesFailed ? t('map.tilesFailed') : t('map.plainGrid')} />}
      <QueryState query={config}>
        {() => (
          <div id="district-map" className="district-map">
            <MapContainer
              key={`${useTiles}`}
              bounds={bounds ?? undefined}
              center={bounds ? undefined : [35, 117]}
              zoom={bounds ? undefined : 9}
              maxZoom={tiles?.maxZoom ?? 18}
              style={{ height: '100%', width: '100%' }}
              preferCanvas={false}
            >
              {useTiles ? (
                <TileBase tiles={tiles} onUnreachable={() => setTilesFailed(true)} />
              ) : (
                <PlainBase />
              )}
              {!useTiles &&
                config.data?.towns.map((town) => (
                  <Marker key={`town-${town.id}`} position={projection.show(town.lat, town.lng)} interactive={false} icon={L.divIcon({ className: 'map-town-label', html: `<span>${escapeHtml(town.name)}</span>`, iconSize: [96, 20] })} />
                ))}
              <ViewWatcher onView={setView} projection={projection} />
              {answer?.clusters.map((c) => (
                <ClusterMarker key={`${c.south},${c.west},${c.north}`} cluster={c} projection={projection} />
              ))}
              {answer?.points.map((p) => (
                <CircleMarker
                  key={p.id}
                  center={projection.show(p.lat, p.lng)}
                  radius={8}
                  // The class goes to Leaflet when the marker is made (setStyle, which pathOptions use, leaves it).
                  className={`map-point map-point-${p.id}`}
                  pathOptions={{ color: '#fff', weight: 2, fillColor: STATUS_CHART_COLORS[p.status as Status] ?? '#8c8c8c', fillOpacity: 0.95 }}
                  eventHandlers={{ click: () => void navigate(`/enterprises/${p.id}`) }}
                >
                  <Tooltip direction="top" offset={[0, -6]}>
                    {p.name} · {label.status(p.status as Status)}
                  </Tooltip>
                </CircleMarker>
              ))}
              {MAP_LAYERS.filter((l) => shown.includes(l)).flatMap((l) =>
                (layerData[l].data?.items ?? []).map((item) => (
                  <Marker key={`${l}-${item.id}-${item.lat}-${item.lng}`} position={projection.show(item.lat, item.lng)} icon={layerIcon(l)} eventHandlers={{ click: () => void navigate(item.link) }}>
                    <Tooltip direction="top">{item.label}</Tooltip>
                  </Marker>
                )),
              )}
            </MapContainer>
          </div>
        )}
      </QueryState>
    </>
  );
}

function ClusterMarker({ cluster, projection }: { cluster: MapClusterDto; projection: Projection }) {
  const map = useMap();
  const icon = useMemo(() => clusterIcon(cluster), [cluster]);
  return (
    <Marker
      position={projection.show(cluster.lat, cluster.lng)}
      icon={icon}
      title={t('map.cluster', { count: cluster.n })}
      eventHandlers={{ click: () => map.fitBounds(L.latLngBounds(projection.show(cluster.south, cluster.west), projection.show(cluster.north, cluster.east)), { maxZoom: map.getZoom() + 3 }) }}
    />
  );
}

function countOf(answer: { clusters: MapClusterDto[]; points: { status: string }[] }, s: Status): number {
  if (answer.points.length > 0) return answer.points.filter((p) => p.status === s).length;
  return answer.clusters.reduce((n, c) => n + (c.byStatus[s] ?? 0), 0);
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
