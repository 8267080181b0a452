// The two columns every list of a workshop's records opens with: the workshop (a link to its page, the
// Its strings are the shutdown stage's (stage2.zh-CN.ts), loaded by the pages that use it.
// card's title on a phone) and where it is.
import { Link } from 'react-router';
import { placeName } from '../format.js';
import { t } from '../i18n/index.js';
import type { DataColumn } from './DataTable.js';

interface OfWorkshop {
  enterprise: { id: number; name: string; townName: string; villageName: string | null };
}

export function workshopColumns<T extends OfWorkshop>(): DataColumn<T>[] {
  return [
    { key: 'workshop', card: 'title', title: t('records.col.workshop'), wrap: 200, render: (_, r) => <Link to={`/enterprises/${r.enterprise.id}`}>{r.enterprise.name}</Link> },
    { key: 'place', title: t('records.col.place'), wrap: 160, render: (_, r) => placeName(r.enterprise) },
  ];
}
