// Small zips in memory for the evidence-package tests: read one whole, write one from entries, and
// re-sign a manifest, so that a test can tamper with a package the way someone might.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { signManifest } from '../evidencePackage/packageManifest.js';

/** Every entry of a zip, in order, with its bytes. */
export async function readZipEntries(zip: Buffer): Promise<Map<string, Buffer>> {
  const file = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  const out = new Map<string, Buffer>();
  for await (const entry of file.eachEntry()) {
    const chunks: Buffer[] = [];
    for await (const c of await file.openReadStreamPromise(entry)) chunks.push(c as Buffer);
    out.set(entry.fileName, Buffer.concat(chunks));
  }
  return out;
}

/** A zip of the entries, in order (several with one name when given as pairs; a name ending in / is a directory). */
export async function writeZip(entries: Map<string, Buffer> | [string, Buffer][]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of entries) {
    if (name.endsWith('/')) zip.addEmptyDirectory(name);
    else zip.addBuffer(data, name, { compress: !name.startsWith('evidence/') });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export function newKey(): { privateKey: KeyObject; publicKey: KeyObject; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey, publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString() };
}

/** The entries with manifest.sig made anew over manifest.json with `privateKey`. */
export function resign(entries: Map<string, Buffer>, privateKey: KeyObject): Map<string, Buffer> {
  const copy = new Map(entries);
  copy.set('manifest.sig', signManifest(copy.get('manifest.json')!, privateKey));
  return copy;
}
