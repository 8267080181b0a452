// 阻碍执法: the obstruction incidents in the user's scope (the police: the district; a town: its
// own; the office: all), newest first; a table on a desk, cards on a phone.
import { useState } from 'react';
import type { IncidentDto } from '../../../domain/incidents.js';
import { useIncidents } from '../../api/incidents.js';
import type { DataColumn } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { workshopColumns } from '../../components/workshopColumns.js';
import { t } from '../../i18n/index.js';
// The shutdown stage's page strings, registered when this module loads.
import '../../i18n/stage2.js';
import { PagedList } from '../../components/PagedList.js';
import { IncidentFacts, IncidentUpdateButton } from './IncidentParts.js';

const PAGE_SIZE = 20;

export default function IncidentsPage() {
  const [page, setPage] = useState(1);
  const list = useIncidents(page, PAGE_SIZE);
  const columns: DataColumn<IncidentDto>[] = [
    ...workshopColumns<IncidentDto>(),
    { key: 'facts', title: t('incidents.description'), wrap: 420, render: (_, i) => <IncidentFacts incident={i} /> },
  ];
  return (
    <>
      <PageHeader title={t('incidents.title')} subtitle={t('incidents.hint')} />
      <PagedList<IncidentDto>
        id="incident-list"
        rowKey="id"
        columns={columns}
        query={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={t('incidents.empty')}
        actions={{ render: (i) => <IncidentUpdateButton incident={i} enterpriseId={i.enterprise.id} /> }}
      />
    </>
  );
}
