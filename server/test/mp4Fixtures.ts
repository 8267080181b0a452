// Small MP4/MOV files written box by box, with the metadata phones put in their videos: the movie
// header's creation time (mvhd), Android's ©xyz location in udta, and Apple's QuickTime metadata
// (meta → keys + ilst: com.apple.quicktime.creationdate / location.ISO6709). For tests of what the
// server reads from a video; the payload (mdat) is filler, as in bench/upload.ts.

const MAC_EPOCH_OFFSET = 2_082_844_800; // seconds from 1904-01-01 to 1970-01-01

function box(type: string, ...parts: Buffer[]): Buffer {
  const payload = Buffer.concat(parts);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + payload.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, payload]);
}

function u32(...values: number[]): Buffer {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, 4 * i));
  return b;
}

/** mvhd version 0 with the creation time (UTC, as the spec says) and a 1-second duration. */
function mvhd(created: Date | null): Buffer {
  const t = created ? Math.floor(created.getTime() / 1000) + MAC_EPOCH_OFFSET : 0;
  const matrix = u32(0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000);
  return box('mvhd', u32(0), u32(t, t, 1000, 1000), u32(0x00010000), Buffer.from([0x01, 0x00, 0, 0]), Buffer.alloc(8), matrix, Buffer.alloc(24), u32(2));
}

/** Android (MediaMuxer) location: udta/©xyz, a QuickTime string “+34.9100+117.4700/”. */
function udtaXyz(iso6709: string): Buffer {
  const text = Buffer.from(iso6709, 'latin1');
  const head = Buffer.alloc(4);
  head.writeUInt16BE(text.length, 0);
  head.writeUInt16BE(0x15c7, 2); // language code as Android writes it
  return box('udta', box('\u00a9xyz', head, text));
}

/** Apple QuickTime metadata: meta { hdlr mdta, keys, ilst } with UTF-8 values. */
function appleMeta(entries: Record<string, string>): Buffer {
  const keys = Object.keys(entries);
  const hdlr = box('hdlr', u32(0, 0), Buffer.from('mdta', 'latin1'), Buffer.alloc(12), Buffer.from([0]));
  const keysBox = box('keys', u32(0, keys.length), ...keys.map((k) => box('mdta', Buffer.from(k, 'utf8'))));
  const items = keys.map((k, i) => {
    const value = box('data', u32(1, 0), Buffer.from(entries[k], 'utf8')); // type 1: UTF-8
    const item = Buffer.concat([u32(0), value]);
    item.writeUInt32BE(8 + value.length, 0);
    return Buffer.concat([item.subarray(0, 4), u32(i + 1), value]);
  });
  return box('meta', hdlr, keysBox, box('ilst', ...items));
}

export interface Mp4FixtureOptions {
  /** mvhd creation time; null writes 0 (as encoders that do not know it do). */
  created?: Date | null;
  /** Android-style udta/©xyz. */
  xyz?: string;
  /** Apple-style QuickTime metadata entries. */
  apple?: Record<string, string>;
  /** moov after mdat, as phones write while recording (default), or before it (“fast start”). */
  moovFirst?: boolean;
  /** Filler bytes in mdat. */
  payloadBytes?: number;
  /** `qt  ` brand (a .MOV from an iPhone) instead of isom/mp42. */
  quickTime?: boolean;
}

export function mp4Fixture(o: Mp4FixtureOptions = {}): Buffer {
  const brand = o.quickTime ? 'qt  ' : 'isom';
  const ftyp = box('ftyp', Buffer.from(brand, 'latin1'), u32(0x200), Buffer.from(o.quickTime ? 'qt  ' : 'isommp42', 'latin1'));
  const moov = box('moov', mvhd(o.created ?? null), ...(o.xyz ? [udtaXyz(o.xyz)] : []), ...(o.apple ? [appleMeta(o.apple)] : []));
  const payload = Buffer.alloc(o.payloadBytes ?? 64 * 1024);
  for (let i = 0; i < payload.length; i++) payload[i] = (i * 131 + 7) & 0xff;
  const mdat = box('mdat', payload);
  return o.moovFirst ? Buffer.concat([ftyp, moov, mdat]) : Buffer.concat([ftyp, mdat, moov]);
}
