// EXIF for test photos: the same writer `qudi demo` uses (server/evidence/exifSpec.ts).
export { exifOf, gpsRational, type ExifSpec, type LatLng } from '../evidence/exifSpec.js';
