// WGS-84 (what Qudi stores: GPS, phones) ↔ the tiles' coordinates, through gcoord: the identity for
// 天地图 and OSM-style tiles, GCJ-02 for 高德/腾讯 tiles (shifted by a few hundred metres in China).
import gcoordImport from 'gcoord';

// gcoord ships CommonJS typings and an ES build: the module's default is the library either way.
type Gcoord = typeof gcoordImport.default;
const gcoord: Gcoord = (gcoordImport as unknown as { default?: Gcoord }).default ?? (gcoordImport as unknown as Gcoord);

export type LatLng = [number, number];

export interface Projection {
  /** A stored (WGS-84) position as the tiles draw it. */
  show(lat: number, lng: number): LatLng;
  /** A position on the tiles back in WGS-84 (a view's corners, for the API). */
  back(lat: number, lng: number): LatLng;
}

export const WGS84: Projection = { show: (lat, lng) => [lat, lng], back: (lat, lng) => [lat, lng] };

export const GCJ02: Projection = {
  show: (lat, lng) => {
    const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    return [y, x];
  },
  back: (lat, lng) => {
    const [x, y] = gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
    return [y, x];
  },
};
