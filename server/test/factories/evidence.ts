// Evidence files for tests, sent as the phone sends them: a tus upload (creation with upload).
import type { LightMyRequestResponse } from 'fastify';
import type { Agent, TestEnv } from '../setup/agent.js';
import { evidenceJpeg } from '../fixtures/images.js';

/** tus Upload-Metadata: `key base64(value)` pairs. */
export function tusMetadata(meta: Record<string, string | number>): string {
  return Object.entries(meta)
    .map(([k, v]) => `${k} ${Buffer.from(String(v), 'utf8').toString('base64')}`)
    .join(',');
}

export interface EvidenceUpload {
  enterpriseId: number;
  /** The standard item; without it the file goes on the workshop itself. */
  itemCode?: string;
  bytes?: Buffer;
  filename?: string;
  /** More Upload-Metadata (caption, phase, deviceLat…), or overrides. */
  metadata?: Record<string, string | number>;
}

/** One tus upload in a single request as `agent`; answers the raw response. */
export async function upload(env: TestEnv, agent: Agent, file: EvidenceUpload): Promise<LightMyRequestResponse> {
  const bytes = file.bytes ?? (await evidenceJpeg());
  const metadata = {
    recordType: file.itemCode ? 'item' : 'enterprise',
    recordId: file.enterpriseId,
    ...(file.itemCode ? { itemCode: file.itemCode } : {}),
    filename: file.filename ?? 'IMG_0001.jpg',
    ...file.metadata,
  };
  return env.app.inject({
    method: 'POST',
    url: '/api/uploads',
    headers: {
      cookie: agent.cookie,
      'tus-resumable': '1.0.0',
      'upload-length': String(bytes.length),
      'upload-metadata': tusMetadata(metadata),
      'content-type': 'application/offset+octet-stream',
    },
    payload: bytes,
  });
}

/** Uploads evidence that must be accepted (201); answers the attachment id. `n` picks the photo (different bytes). */
export async function addEvidence(env: TestEnv, agent: Agent, enterpriseId: number, itemCode?: string, n = 0): Promise<number> {
  const res = await upload(env, agent, { enterpriseId, itemCode, bytes: await evidenceJpeg(n) });
  if (res.statusCode !== 201) throw new Error(`evidence upload failed: ${res.statusCode} ${res.body}`);
  return Number(res.headers['qudi-attachment-id']);
}
