// A town's acceptance documents (签字的书面说明、盖章的书面材料): PDF or photographs, through
// /api/uploads/ with recordType 'town_acceptance' and the town's id, kept in memory only (recordUploads.ts).
import { townAcceptanceFilesKey } from '../api/acceptance.js';
import { createRecordUploads } from './recordUploads.js';
import { CLUE_FILE_ACCEPT } from './clueUploads.js';

/** The same as a clue's: photographs of the signed page, or the scanned PDF. */
export const TOWN_ACCEPTANCE_FILE_ACCEPT = CLUE_FILE_ACCEPT;

export const townAcceptanceUploads = createRecordUploads('town_acceptance', 't', townAcceptanceFilesKey);
