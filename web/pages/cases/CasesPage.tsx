// 违法案件: the cases in the user's scope (the case departments and the police: the district; a town:
// its own; the office, leaders, discipline: all), newest first; a table on a desk, cards on a phone.
// The police sign for transfers here; discipline and the office director sign for those to discipline.
import { useState } from 'react';
import type { CaseDto } from '../../../domain/cases.js';
import { useCases } from '../../api/cases.js';
import type { DataColumn } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { workshopColumns } from '../../components/workshopColumns.js';
import { PagedList } from '../../components/PagedList.js';
import { t } from '../../i18n/index.js';
// The shutdown stage's page strings, registered when this module loads.
import '../../i18n/stage2.js';
import { CaseActions, CaseFacts } from './CaseParts.js';

const PAGE_SIZE = 20;

export default function CasesPage() {
  const [page, setPage] = useState(1);
  const list = useCases(page, PAGE_SIZE);
  const policeUnits = list.data?.policeUnits ?? [];
  const columns: DataColumn<CaseDto>[] = [
    ...workshopColumns<CaseDto>(),
    { key: 'facts', title: t('cases.violation'), wrap: 420, render: (_, c) => <CaseFacts kase={c} /> },
  ];
  return (
    <>
      <PageHeader title={t('cases.title')} subtitle={t('cases.hint')} />
      <PagedList<CaseDto>
        id="case-list"
        rowKey="id"
        columns={columns}
        query={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={t('cases.empty')}
        actions={{ render: (c) => <CaseActions kase={c} policeUnits={policeUnits} /> }}
      />
    </>
  );
}
