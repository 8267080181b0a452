// A truck interception's photos and videos (查处照片), through /api/uploads/ with recordType
// 'interception', kept in memory only (recordUploads.ts); a landed file refreshes the list's counts too.
import { interceptionFilesKey, interceptionsKey } from '../api/interceptions.js';
import { createRecordUploads } from './recordUploads.js';

/** What the file picker offers (photos and videos; the server judges the real type from the bytes). */
export const INTERCEPTION_FILE_ACCEPT = 'image/jpeg,image/png,image/heic,image/heif,.heic,.heif,video/mp4,video/quicktime';

export const interceptionUploads = createRecordUploads('interception', 'x', interceptionFilesKey, [interceptionsKey]);
