// What the server reads from phone videos: capture time and place, as iPhones and Android phones
// write them, wherever the movie box sits, and nothing (never an error) from videos without them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mp4Fixture, type Mp4FixtureOptions } from '../test/fixtures/mp4.js';
import { sniffEvidenceType } from './index.js';
import { iso6709, readVideoMetadata } from './videoMetadata.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qudi-video-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const write = (o: Mp4FixtureOptions | Buffer) => {
  const file = path.join(dir, `v${n++}.mp4`);
  fs.writeFileSync(file, Buffer.isBuffer(o) ? o : mp4Fixture(o));
  return file;
};

describe('video capture time and place', () => {
  it('reads an Android video: the movie header time (UTC, shown in China time) and udta/©xyz, past a large mdat', async () => {
    const file = write({ created: new Date('2016-05-12T01:30:00Z'), xyz: '+34.9100+117.4700/', payloadBytes: 3 * 1024 * 1024 });
    expect((await sniffEvidenceType(file)).ok).toBe(true);
    const meta = await readVideoMetadata(file);
    expect(meta).toMatchObject({
      capturedAtLocal: '2016-05-12T09:30:00',
      capturedAt: '2016-05-12T09:30:00+08:00',
      captureTimeSource: 'mvhd',
      gps: { lat: 34.91, lng: 117.47 },
    });
  });

  it('prefers an iPhone’s QuickTime metadata: its local time with offset, position and camera', async () => {
    const file = write({
      quickTime: true,
      moovFirst: true,
      created: new Date('2016-05-12T01:30:20Z'),
      apple: {
        'com.apple.quicktime.creationdate': '2016-05-12T09:30:15+0800',
        'com.apple.quicktime.location.ISO6709': '+34.9105+117.4701+030.000/',
        'com.apple.quicktime.make': 'Apple',
        'com.apple.quicktime.model': 'iPhone 15',
      },
    });
    const meta = await readVideoMetadata(file);
    expect(meta).toMatchObject({
      capturedAtLocal: '2016-05-12T09:30:15',
      capturedAt: '2016-05-12T09:30:15+08:00',
      captureTimeSource: 'quicktime',
      gps: { lat: 34.9105, lng: 117.4701 },
      make: 'Apple',
      model: 'iPhone 15',
    });
  });

  it('answers nulls, not errors, for a video without metadata, an unset clock, a damaged movie box or no movie box', async () => {
    const none = { capturedAtLocal: null, capturedAt: null, gps: null, captureTimeSource: null };
    expect(await readVideoMetadata(write({}))).toMatchObject(none);
    expect(await readVideoMetadata(write({ created: new Date('1970-01-01T00:00:00Z') }))).toMatchObject(none);
    const whole = mp4Fixture({ created: new Date('2016-05-12T01:30:00Z'), xyz: '+34.9100+117.4700/' });
    const cut = write(whole.subarray(0, whole.length - 40)); // the movie box cut short
    expect(await readVideoMetadata(cut)).toMatchObject(none);
    const noMoov = write(mp4Fixture({}).subarray(0, 24 + 8 + 64 * 1024));
    expect(await readVideoMetadata(noMoov)).toMatchObject(none);
    await expect(readVideoMetadata(path.join(dir, 'missing.mp4'))).rejects.toThrow();
  });

  it('reads ISO 6709 in decimal degrees and refuses other forms and 0,0', () => {
    expect(iso6709('+34.9100+117.4700/')).toEqual({ lat: 34.91, lng: 117.47 });
    expect(iso6709('-33.8688+151.2093+012.000/')).toEqual({ lat: -33.8688, lng: 151.2093 });
    expect(iso6709('+3454.60+11728.20/')).toBeNull(); // degrees and minutes
    expect(iso6709('+00.0000+000.0000/')).toBeNull();
    expect(iso6709('+95.0000+117.0000/')).toBeNull();
    expect(iso6709(undefined)).toBeNull();
  });
});
