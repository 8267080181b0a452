// A disciplinary clue's files (线索附件): photos, videos and PDF documents, through /api/uploads/
// with recordType 'clue', kept in memory only (recordUploads.ts says why).
import { clueAttachmentsKey } from '../api/selfInspection.js';
import { createRecordUploads } from './recordUploads.js';

/** What the file picker offers; the server judges the real type from the bytes. */
export const CLUE_FILE_ACCEPT = 'image/jpeg,image/png,image/heic,image/heif,.heic,.heif,video/mp4,video/quicktime,application/pdf,.pdf';

export const clueUploads = createRecordUploads('clue', 'c', clueAttachmentsKey);
