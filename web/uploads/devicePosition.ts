// The browser's position when the user starts an upload, for photos without EXIF GPS.
import { t } from '../i18n/index.js';

export interface DevicePosition {
  lat: number;
  lng: number;
  accuracy: number;
}

export type PositionResult = { ok: true; position: DevicePosition } | { ok: false; reason: string };

/** Asks for the device position with a short timeout; never fails, since an upload goes ahead without it. */
export function devicePosition(timeoutMs = 8000): Promise<PositionResult> {
  if (typeof navigator === 'undefined' || !('geolocation' in navigator)) return Promise.resolve({ ok: false, reason: t('evidence.geo.unsupported') });
  return new Promise((resolve) => {
    // Some browsers never call back when the permission prompt is ignored: a timer of our own ends the wait.
    const timer = window.setTimeout(() => resolve({ ok: false, reason: t('evidence.geo.timeout') }), timeoutMs + 1000);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        window.clearTimeout(timer);
        resolve({ ok: true, position: { lat: p.coords.latitude, lng: p.coords.longitude, accuracy: Math.round(p.coords.accuracy) } });
      },
      (err) => {
        window.clearTimeout(timer);
        const reason =
          err.code === err.PERMISSION_DENIED ? t('evidence.geo.denied') : err.code === err.TIMEOUT ? t('evidence.geo.timeout') : t('evidence.geo.unavailable');
        resolve({ ok: false, reason });
      },
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}
