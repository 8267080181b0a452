// EXIF for test photos: the same writer `qudi demo` uses (server/intake/exifSpec.ts).
export { exifOf, gpsRational, type ExifSpec, type LatLng } from '../intake/exifSpec.js';
