// The deployment's base map tiles (MAP_TILE_URL), telling the page once none can be had from here —
// nothing loaded and several failed: no route to the tile server (a village without internet, a
// blocked host) — so that the page falls back (the staff map to its grid, the tip page to words).
import { useRef } from 'react';
import { TileLayer } from 'react-leaflet';
import type { MapTilesDto } from '../../../domain/map.js';

/** Failed tiles, with none loaded, after which the tile server counts as out of reach. */
const FAILED_TILES = 4;

export function TileBase({ tiles, onUnreachable }: { tiles: MapTilesDto; onUnreachable: () => void }) {
  const loads = useRef({ ok: 0, failed: 0 });
  return (
    <TileLayer
      url={tiles.url}
      subdomains={tiles.subdomains}
      attribution={tiles.attribution}
      maxZoom={tiles.maxZoom}
      eventHandlers={{
        tileload: () => void loads.current.ok++,
        tileerror: () => {
          if (++loads.current.failed === FAILED_TILES && loads.current.ok === 0) onUnreachable();
        },
      }}
    />
  );
}
