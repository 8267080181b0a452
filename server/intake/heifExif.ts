// The Exif block of a HEIF/HEIC photo, found by walking the ISO-BMFF boxes ourselves.
//
// Why not leave it to exifr: exifr 7.1.3 ignores the `base_offset` of the item-location box
// (iloc), which libheif — and so many Android phones' camera apps — sets, with extent offsets of 0;
// exifr then reads the wrong bytes and reports "Malformed EXIF data". Here the offsets are
// computed as ISO/IEC 14496-12 §8.11.3 says, and the TIFF bytes are handed back to exifr to decode.
import { open, type FileHandle } from 'node:fs/promises';

const MAX_META_BYTES = 8 * 1024 * 1024;
const MAX_EXIF_BYTES = 4 * 1024 * 1024;
const MAX_TOP_LEVEL_BOXES = 1024;

interface Box {
  type: string;
  /** Where the payload starts (after size, type and any 64-bit size), and where the box ends. */
  start: number;
  end: number;
}

/** The TIFF bytes (starting `II*\0` or `MM\0*`) of the file's Exif item, or null when there is none or the file is not HEIF. */
export async function readHeifExif(file: string): Promise<Uint8Array | null> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const meta = await findMetaBox(handle, size);
    if (!meta) return null;
    const block = await exifItemBytes(handle, meta, size);
    return block ? tiffInExifBlock(block) : null;
  } catch (error) {
    if (error instanceof RangeError) return null; // a box runs past its parent: not a file we can read
    throw error;
  } finally {
    await handle.close();
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead < length) throw new RangeError('short read');
  return buffer;
}

/** The top-level `meta` box's bytes (from its version/flags on), if the file starts with `ftyp`. */
async function findMetaBox(handle: FileHandle, fileSize: number): Promise<Buffer | null> {
  if (fileSize < 16) return null;
  let offset = 0;
  for (let i = 0; i < MAX_TOP_LEVEL_BOXES && offset + 8 <= fileSize; i++) {
    const head = await readAt(handle, offset, Math.min(16, fileSize - offset));
    const box = boxAt(head, 0, fileSize - offset);
    if (i === 0 && box.type !== 'ftyp') return null;
    if (box.type === 'meta') {
      const length = box.end - box.start;
      if (length > MAX_META_BYTES) return null;
      return readAt(handle, offset + box.start, length);
    }
    offset += box.end;
  }
  return null;
}

/** Reads the box header at `offset` of `buf`; `limit` is how far the enclosing space reaches from `offset`. */
function boxAt(buf: Buffer, offset: number, limit: number): Box {
  if (offset + 8 > buf.length) throw new RangeError('box header past end');
  const size32 = buf.readUInt32BE(offset);
  const type = buf.toString('latin1', offset + 4, offset + 8);
  let start = 8;
  let size: number;
  if (size32 === 1) {
    if (offset + 16 > buf.length) throw new RangeError('box header past end');
    size = Number(buf.readBigUInt64BE(offset + 8));
    start = 16;
  } else if (size32 === 0) {
    size = limit; // extends to the end of the enclosing space
  } else {
    size = size32;
  }
  if (size < start || size > limit) throw new RangeError(`box ${type} has a bad size`);
  return { type, start: offset + start, end: offset + size };
}

/** The direct children of a box whose payload spans [from, to) of `buf`. */
function children(buf: Buffer, from: number, to: number): Box[] {
  const boxes: Box[] = [];
  for (let offset = from; offset + 8 <= to; ) {
    const box = boxAt(buf, offset, to - offset);
    boxes.push(box);
    offset = box.end;
  }
  return boxes;
}

function uint(buf: Buffer, offset: number, bytes: number): number {
  if (bytes === 0) return 0;
  if (offset + bytes > buf.length) throw new RangeError('field past end');
  if (bytes === 8) return Number(buf.readBigUInt64BE(offset));
  return buf.readUIntBE(offset, bytes);
}

/** The concatenated extents of the first `Exif` item, or null when there is none we can locate. */
async function exifItemBytes(handle: FileHandle, meta: Buffer, fileSize: number): Promise<Buffer | null> {
  // `meta` is a FullBox: 4 bytes of version and flags, then its children.
  const boxes = children(meta, 4, meta.length);
  const iinf = boxes.find((b) => b.type === 'iinf');
  const iloc = boxes.find((b) => b.type === 'iloc');
  if (!iinf || !iloc) return null;
  const itemId = exifItemId(meta, iinf);
  if (itemId === null) return null;
  const location = itemLocation(meta, iloc, itemId);
  if (!location || location.dataReferenceIndex !== 0) return null;

  const parts: Buffer[] = [];
  let total = 0;
  for (const extent of location.extents) {
    if (extent.length === 0 || (total += extent.length) > MAX_EXIF_BYTES) return null;
    const at = location.baseOffset + extent.offset;
    if (location.constructionMethod === 0) {
      if (at + extent.length > fileSize) return null;
      parts.push(await readAt(handle, at, extent.length));
    } else if (location.constructionMethod === 1) {
      const idat = boxes.find((b) => b.type === 'idat');
      if (!idat || idat.start + at + extent.length > idat.end) return null;
      parts.push(meta.subarray(idat.start + at, idat.start + at + extent.length));
    } else {
      return null; // 2 = another item's data: not used for Exif by any camera we know
    }
  }
  return Buffer.concat(parts);
}

function exifItemId(meta: Buffer, iinf: Box): number | null {
  const version = meta[iinf.start];
  const countBytes = version === 0 ? 2 : 4;
  const entriesFrom = iinf.start + 4 + countBytes;
  for (const infe of children(meta, entriesFrom, iinf.end)) {
    if (infe.type !== 'infe') continue;
    const infeVersion = meta[infe.start];
    if (infeVersion < 2) continue; // versions 0 and 1 have no item_type
    const idBytes = infeVersion === 2 ? 2 : 4;
    const id = uint(meta, infe.start + 4, idBytes);
    const typeAt = infe.start + 4 + idBytes + 2; // after item_ID and item_protection_index
    if (meta.toString('latin1', typeAt, typeAt + 4) === 'Exif') return id;
  }
  return null;
}

interface ItemLocation {
  constructionMethod: number;
  dataReferenceIndex: number;
  baseOffset: number;
  extents: { offset: number; length: number }[];
}

function itemLocation(meta: Buffer, iloc: Box, wanted: number): ItemLocation | null {
  const version = meta[iloc.start];
  let p = iloc.start + 4;
  const offsetSize = meta[p] >> 4;
  const lengthSize = meta[p] & 0xf;
  const baseOffsetSize = meta[p + 1] >> 4;
  const indexSize = version === 1 || version === 2 ? meta[p + 1] & 0xf : 0;
  p += 2;
  const idBytes = version < 2 ? 2 : 4;
  const itemCount = uint(meta, p, idBytes);
  p += idBytes;
  for (let i = 0; i < itemCount; i++) {
    const id = uint(meta, p, idBytes);
    p += idBytes;
    let constructionMethod = 0;
    if (version === 1 || version === 2) {
      constructionMethod = uint(meta, p, 2) & 0xf;
      p += 2;
    }
    const dataReferenceIndex = uint(meta, p, 2);
    const baseOffset = uint(meta, p + 2, baseOffsetSize);
    p += 2 + baseOffsetSize;
    const extentCount = uint(meta, p, 2);
    p += 2;
    const extents: ItemLocation['extents'] = [];
    for (let e = 0; e < extentCount; e++) {
      p += indexSize;
      extents.push({ offset: uint(meta, p, offsetSize), length: uint(meta, p + offsetSize, lengthSize) });
      p += offsetSize + lengthSize;
    }
    if (p > iloc.end) throw new RangeError('iloc past end');
    if (id === wanted) return { constructionMethod, dataReferenceIndex, baseOffset, extents };
  }
  return null;
}

/**
 * An ExifDataBlock is a 32-bit offset to the TIFF header followed by the payload (HEIF, ISO/IEC
 * 23008-12 Annex A). Some phones write a wrong offset or leave an `Exif\0\0` or APP1 prefix in,
 * so when the header is not where the offset says, the first bytes are searched for it.
 */
function tiffInExifBlock(block: Buffer): Uint8Array | null {
  if (block.length < 12) return null;
  const declared = 4 + block.readUInt32BE(0);
  if (isTiffHeader(block, declared)) return block.subarray(declared);
  for (let at = 4; at < Math.min(block.length - 4, 64); at++) if (isTiffHeader(block, at)) return block.subarray(at);
  return null;
}

function isTiffHeader(buf: Buffer, at: number): boolean {
  if (at + 4 > buf.length) return false;
  const sig = buf.readUInt32BE(at);
  return sig === 0x49492a00 || sig === 0x4d4d002a; // "II*\0" little-endian, "MM\0*" big-endian
}
