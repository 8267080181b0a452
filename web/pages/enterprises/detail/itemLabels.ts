// The words an item's row shows beside its name: the campaign's done label (e.g. the one for a power cut)
// says the item is done, so it appears only on an item that is; a pending one must not read done.
import type { ItemDto } from '../../../../domain/api.js';

export function doneLabelOf(item: Pick<ItemDto, 'state'>, def: { doneLabel: string } | undefined): string | null {
  return item.state === 'done' && def ? def.doneLabel : null;
}
