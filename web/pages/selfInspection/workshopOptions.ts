// The workshop a clue names, picked by name: what the picker asks the workshop list for, and how it
// shows each match (name and place, since two towns may each have a 宏达塑料厂).
import type { EnterpriseSummaryDto } from '../../../domain/api.js';
import type { EnterpriseListParams } from '../../api/hooks.js';
import { placeName } from '../../format.js';
import { t } from '../../i18n/index.js';

/** Matches shown at once; typing more of the name narrows them. */
export const WORKSHOP_MATCHES = 20;

/** GET /api/enterprises?q=… — within the clue's town when one is chosen, alphabetically. */
export function workshopSearchParams(search: string, townId: number | undefined): EnterpriseListParams {
  const q = search.trim();
  return { q: q || undefined, town: townId !== undefined ? String(townId) : undefined, page: 1, pageSize: WORKSHOP_MATCHES, sort: 'name', order: 'asc' };
}

export interface WorkshopOption {
  value: number;
  /** What the closed select shows: the name and the town. */
  label: string;
  name: string;
  place: string;
  townId: number;
}

export function workshopOption(e: Pick<EnterpriseSummaryDto, 'id' | 'name' | 'townId' | 'townName' | 'villageName'>): WorkshopOption {
  const place = placeName(e);
  return { value: e.id, label: `${e.name}${t('common.parenthetical', { text: place })}`, name: e.name, place, townId: e.townId };
}
