// The public tip page's map: a tipster taps where the workshop is (or drags the pin there). Loaded only
// when asked for (Leaflet is not on the form's path) and only when the deployment names a tile server:
// a blank grid would not help anyone find a village. Positions are kept in WGS-84, as everywhere in
// Qudi; GCJ-02 tiles (高德/腾讯) are shifted for display and the tap shifted back (pages/map/projection).
// Leaflet and the map only: no antd here (the page around it draws the hint and the buttons), so that this
// chunk does not re-split the antd chunks the signed-in pages share.
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useState } from 'react';
import { MapContainer, Marker, useMapEvents } from 'react-leaflet';
import type { PublicMapDto } from '../../../domain/map.js';
import { GCJ02, WGS84, type Projection } from '../map/projection.js';
import { TileBase } from '../map/TileBase.js';

export interface Place {
  lat: number;
  lng: number;
}

/** Street scale: a house and its yard can be told apart. */
const PICK_ZOOM = 17;
/** With nothing to go by (no workshop has a position yet): China. */
const NOWHERE: [number, number] = [35, 105];

const pin = L.divIcon({ className: 'report-pin-icon', iconSize: [28, 36], iconAnchor: [14, 34], html: '<div class="report-pin"></div>' });

const round = (x: number) => Math.round(x * 1e6) / 1e6;

function TapToPick({ projection, onPick }: { projection: Projection; onPick: (p: Place) => void }) {
  useMapEvents({
    click: (e) => {
      const [lat, lng] = projection.back(e.latlng.lat, e.latlng.lng);
      onPick({ lat: round(lat), lng: round(lng) });
    },
  });
  return null;
}

export default function PlacePicker({ map, value, onPick, onTilesFailed }: { map: PublicMapDto; value: Place | null; onPick: (p: Place) => void; onTilesFailed: () => void }) {
  const tiles = map.tiles!;
  const projection = tiles.coords === 'gcj02' ? GCJ02 : WGS84;
  // The first view only: the place already known (the phone's position, an earlier tap), else the district.
  const [first] = useState(() => {
    if (value) return { center: projection.show(value.lat, value.lng), zoom: Math.min(PICK_ZOOM, tiles.maxZoom) };
    const e = map.extent;
    if (e) return { bounds: L.latLngBounds(projection.show(e.south, e.west), projection.show(e.north, e.east)) };
    return { center: NOWHERE, zoom: 4 };
  });
  return (
    <div className="report-map">
      <MapContainer {...first} maxZoom={tiles.maxZoom} style={{ height: '100%', width: '100%' }} attributionControl={tiles.attribution !== ''}>
        <TileBase tiles={tiles} onUnreachable={onTilesFailed} />
        <TapToPick projection={projection} onPick={onPick} />
        {value && (
          <Marker
            position={projection.show(value.lat, value.lng)}
            icon={pin}
            draggable
            eventHandlers={{
              dragend: (e) => {
                const at = (e.target as L.Marker).getLatLng();
                const [lat, lng] = projection.back(at.lat, at.lng);
                onPick({ lat: round(lat), lng: round(lng) });
              },
            }}
          />
        )}
      </MapContainer>
    </div>
  );
}
