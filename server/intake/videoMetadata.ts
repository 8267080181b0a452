// When and where a phone video says it was recorded, from its MP4/MOV movie box (moov), read with
// mp4box without touching the media data: the box headers are walked and mdat is skipped, so a
// 1 GB video costs a few reads. What phones write:
//   - iPhone (QuickTime metadata, meta → keys + ilst): com.apple.quicktime.creationdate, the
//     local time with its offset, and com.apple.quicktime.location.ISO6709;
//   - Android (MediaMuxer): the movie header's creation time (mvhd, UTC) and udta/©xyz, an ISO 6709
//     string. mp4box does not parse ©xyz (a QuickTime user-data atom), so that one atom is read
//     from the bytes of the udta box mp4box located.
// As for photos, nothing here throws for a video without such metadata or with damaged boxes:
// every field is then null. A missing or unreadable file is an error.
import { open } from 'node:fs/promises';
import { createFile, Log, MP4BoxBuffer } from 'mp4box';
import { CHINA_OFFSET, chinaLocalFromUnix } from '../../domain/time.js';
import { EMPTY_PHOTO_METADATA, type PhotoMetadata } from './metadata.js';
import type { LatLng } from './types.js';

// mp4box logs an error for every QuickTime user-data atom (©xyz, ©day …: names outside printable
// ASCII) and then carries on; for phone videos that is every Android upload. Those lines are
// dropped; anything else it reports is still logged.
Log.setLogLevel(Log.error);
const libraryError = Log.error.bind(Log);
Log.error = (module: string, message: string, ...rest: unknown[]) => {
  if (module === 'BoxParser' && message.startsWith("Invalid box type: '\u00a9")) return;
  (libraryError as (...args: unknown[]) => void)(module, message, ...rest);
};

/** Bytes read per step while looking for the movie box. */
const READ_STEP = 256 * 1024;
/** A movie box larger than this is not read (a normal one is kilobytes to a few megabytes). */
const MAX_METADATA_BYTES = 32 * 1024 * 1024;
const MAC_EPOCH_OFFSET = 2_082_844_800; // seconds from 1904-01-01 to 1970-01-01
/** Creation times before this are a camera that never had its clock set (or an encoder's 0). */
const EARLIEST_PLAUSIBLE = Date.UTC(2000, 0, 1) / 1000;

export interface VideoMetadata extends PhotoMetadata {
  captureTimeSource: 'quicktime' | 'mvhd' | null;
}

interface MovieBoxes {
  mvhd?: { creation_time?: number | bigint };
  udta?: { start: number; size: number };
  meta?: { keys?: { keys?: Record<string, string> }; ilst?: { list?: Record<string, { value?: unknown }> } };
}

/** Capture time and position recorded in the MP4/MOV video at `file`. */
export async function readVideoMetadata(file: string): Promise<VideoMetadata> {
  const fh = await open(file, 'r');
  try {
    const { size } = await fh.stat();
    const moov = await findMovieBox(fh, size).catch(() => null);
    if (!moov) return empty();
    const apple = appleEntries(moov);
    const time = appleTime(apple['com.apple.quicktime.creationdate']) ?? headerTime(moov.mvhd?.creation_time);
    const gps = iso6709(apple['com.apple.quicktime.location.ISO6709']) ?? iso6709(await userDataLocation(fh, moov.udta).catch(() => null));
    return {
      ...EMPTY_PHOTO_METADATA,
      capturedAtLocal: time?.local ?? null,
      capturedAt: time?.zoned ?? null,
      captureTimeSource: time?.source ?? null,
      gps,
      make: text(apple['com.apple.quicktime.make']),
      model: text(apple['com.apple.quicktime.model']),
    };
  } finally {
    await fh.close();
  }
}

function empty(): VideoMetadata {
  return { ...EMPTY_PHOTO_METADATA, captureTimeSource: null };
}

type Handle = Awaited<ReturnType<typeof open>>;

/** Feeds mp4box the file from the start, letting it skip what it does not need, until the movie box is parsed. */
async function findMovieBox(fh: Handle, size: number): Promise<MovieBoxes | null> {
  const mp4 = createFile();
  let position = 0;
  let read = 0;
  while (position < size && read < MAX_METADATA_BYTES) {
    const buf = Buffer.alloc(Math.min(READ_STEP, size - position));
    const { bytesRead } = await fh.read(buf, 0, buf.length, position);
    if (bytesRead === 0) break;
    read += bytesRead;
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + bytesRead) as ArrayBuffer;
    const next = mp4.appendBuffer(MP4BoxBuffer.fromArrayBuffer(ab, position));
    const moov = (mp4 as unknown as { moov?: MovieBoxes }).moov;
    if (moov) return moov;
    position = typeof next === 'number' && next > position ? next : position + bytesRead;
  }
  return null;
}

/** Apple's QuickTime metadata as key → value (keys without their `mdta` namespace). */
function appleEntries(moov: MovieBoxes): Record<string, unknown> {
  const keys = moov.meta?.keys?.keys;
  const list = moov.meta?.ilst?.list;
  if (!keys || !list) return {};
  const out: Record<string, unknown> = {};
  for (const [index, key] of Object.entries(keys)) {
    const name = key.startsWith('mdta') ? key.slice(4) : key;
    const value = list[index]?.value;
    if (value !== undefined) out[name] = value;
  }
  return out;
}

interface CaptureTime {
  local: string;
  zoned: string;
  source: 'quicktime' | 'mvhd';
}

/** `2016-05-12T09:30:15+0800` (Apple writes the offset without a colon) → local and zoned forms. */
function appleTime(value: unknown): CaptureTime | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})$/.exec(value.trim());
  if (!m || Number.isNaN(Date.parse(`${m[1]}Z`))) return null;
  const zone = m[2] === 'Z' ? '+00:00' : `${m[2].slice(0, 3)}:${m[2].slice(-2)}`;
  return { local: m[1], zoned: m[1] + zone, source: 'quicktime' };
}

/** The movie header's creation time (seconds since 1904, UTC) as China time, the campaign's clock. */
function headerTime(value: number | bigint | undefined): CaptureTime | null {
  if (value === undefined) return null;
  const unix = Number(value) - MAC_EPOCH_OFFSET;
  if (!Number.isFinite(unix) || unix < EARLIEST_PLAUSIBLE || unix > Date.now() / 1000 + 86_400) return null;
  const local = chinaLocalFromUnix(unix);
  return { local, zoned: `${local}${CHINA_OFFSET}`, source: 'mvhd' };
}

/** The ©xyz atom among the udta box's children: a QuickTime string (length, language, text). */
async function userDataLocation(fh: Handle, udta: MovieBoxes['udta']): Promise<string | null> {
  if (!udta || udta.size <= 8 || udta.size > 1024 * 1024) return null;
  const buf = Buffer.alloc(udta.size);
  const { bytesRead } = await fh.read(buf, 0, udta.size, udta.start);
  let at = 8;
  while (at + 8 <= bytesRead) {
    const size = buf.readUInt32BE(at);
    if (size < 8 || at + size > bytesRead) return null;
    if (buf.toString('latin1', at + 4, at + 8) === '\u00a9xyz' && size >= 12) {
      const length = buf.readUInt16BE(at + 8);
      return buf.toString('utf8', at + 12, Math.min(at + 12 + length, at + size));
    }
    at += size;
  }
  return null;
}

/** ISO 6709 in decimal degrees as phones write it (`+34.9100+117.4700/`, altitude optional); null for anything else or 0,0. */
export function iso6709(value: unknown): LatLng | null {
  if (typeof value !== 'string') return null;
  const m = /^([+-]\d{2}(?:\.\d+)?)([+-]\d{3}(?:\.\d+)?)/.exec(value.trim());
  if (!m) return null;
  const lat = Number(m[1]);
  const lng = Number(m[2]);
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180 || (lat === 0 && lng === 0)) return null;
  return { lat, lng };
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}
