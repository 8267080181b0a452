// Site photos for the demo's workshops: every standard item the demo shows as done gets the photos
// its campaign rule asks for (evidenceMin), so the demo obeys 全程影像记录 like real data does.
// The photos are generated pictures (marked 演示 in their caption), each with the EXIF a phone
// writes — taken on the item's date in China time (in the afternoon or late morning, after the
// workshop was registered), a GPS position some tens of metres from the
// workshop — and they go through the same addEvidence as an upload: type sniffing, hashing, EXIF
// and distance, thumbnail, write-once storage, the attachment row and its audit record. Only the
// upload policy is waived (the demo documents history: its workshops are already shut down, when
// uploads are closed), with the office account as uploader.
import fsp from 'node:fs/promises';
import path from 'node:path';
import { uploadMetadataSchema } from '../../domain/attachment.js';
import { recordEvidenceFile } from '../commands/lib/evidenceFile.js';
import { loadWorkshopTarget } from '../commands/lib/evidenceTarget.js';
import type { AppContext } from '../context.js';
import { exifOf } from '../intake/exifSpec.js';
import type { CampaignRecord } from '../repositories/campaigns.js';
import { listDoneItemSites } from '../repositories/enterprises.js';
import { loadActor } from '../repositories/users.js';
import { rng } from './synthetic.js';

const PALETTE = ['#5b7083', '#6d8a5a', '#8a6d4f', '#4f6d8a', '#7a5b83', '#83705b'];

/** A 640×480 site picture: ground, a shed and the item's colour band; different bytes per seed. */
async function sitePicture(seed: number, itemIndex: number, exif: ReturnType<typeof exifOf>): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  const r = rng(seed);
  const band = PALETTE[itemIndex % PALETTE.length];
  const x = Math.round(80 + r() * 260);
  const w = Math.round(160 + r() * 120);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
    <rect width="640" height="480" fill="#c9d6df"/>
    <rect y="300" width="640" height="180" fill="#8b7d6b"/>
    <rect x="${x}" y="${180 + Math.round(r() * 40)}" width="${w}" height="140" fill="#9aa3a8" stroke="#555" stroke-width="4"/>
    <polygon points="${x - 10},${190} ${x + w / 2},${120 + Math.round(r() * 30)} ${x + w + 10},${190}" fill="#6b6f72"/>
    <rect y="440" width="640" height="40" fill="${band}"/>
    <text x="16" y="468" font-family="sans-serif" font-size="22" fill="#fff">QUDI DEMO ${seed}</text>
  </svg>`;
  return sharp(Buffer.from(svg)).withExif(exif).jpeg({ quality: 80 }).toBuffer();
}

/** Adds the demo's site photos; answers how many files were stored. */
export async function addDemoEvidence(
  ctx: AppContext,
  campaign: CampaignRecord,
  uploader: { id: number; username: string; display_name: string },
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const items = campaign.definition.standardItems;
  const done = await listDoneItemSites(ctx.db, campaign.id);
  const plan = done.flatMap((row) => {
    const index = items.findIndex((it) => it.code === row.item_code);
    const item = items[index];
    return item ? Array.from({ length: item.evidenceMin }, (_, k) => ({ row, item, index, k })) : [];
  });
  if (plan.length === 0) return 0;

  const actor = await loadActor(ctx.db, uploader, campaign);
  // On the data directory's filesystem, so storing the photo is a link, as for an upload.
  const dir = await fsp.mkdtemp(path.join(ctx.config.dataDir, 'demo-'));
  let stored = 0;
  let handled = 0;
  try {
    for (const { row, item, index, k } of plan) {
      const seed = row.id * 31 + index * 7 + k;
      const r = rng(seed);
      const metres = 15 + r() * 120;
      const bearing = r() * 2 * Math.PI;
      const gps =
        row.lat !== null && row.lng !== null
          ? { lat: row.lat + (metres * Math.cos(bearing)) / 111_195, lng: row.lng + (metres * Math.sin(bearing)) / (111_195 * Math.cos((row.lat * Math.PI) / 180)) }
          : undefined;
      const day = (row.done_on ?? '2016-05-12').replaceAll('-', ':');
      // 10:00–17:59: after the workshop's registration (08:00–09:59 at the latest on the same day).
      const time = `${String(10 + Math.floor(r() * 8)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}:${String(Math.floor(r() * 60)).padStart(2, '0')}`;
      const exif = exifOf({ make: 'Xiaomi', model: 'Redmi Note 12', taken: `${day} ${time}`, offset: '+08:00', gps });
      const file = path.join(dir, `${seed}.jpg`);
      await fsp.writeFile(file, await sitePicture(seed, index, exif));
      const meta = uploadMetadataSchema.parse({
        recordType: 'item',
        recordId: String(row.id),
        itemCode: item.code,
        filename: `IMG_${day.replaceAll(':', '')}_${time.replaceAll(':', '')}.jpg`,
        caption: `${item.name}（演示照片）`,
        phase: 'after',
      });
      // Synthetic history: the demo documents items whose uploads are closed now, so the upload policy is not asked.
      const added = await recordEvidenceFile(ctx, actor, campaign, { path: file, meta }, (db, opts) =>
        loadWorkshopTarget(db, campaign, { recordType: 'item', recordId: meta.recordId, itemCode: meta.itemCode }, opts, () => true),
      );
      if (!added.duplicate) stored++;
      onProgress?.(++handled, plan.length);
    }
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
  return stored;
}
