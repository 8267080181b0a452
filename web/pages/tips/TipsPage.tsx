// 群众举报 for the staff: the office sees every tip (those to triage first on its agenda), a town the
// tips given to it, leaders all; newest first, filtered by status; a tip opens in a dialog to act on.
import { Button, Flex, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { TIP_STATUSES, type TipDto } from '../../../domain/tips.js';
import { useTips } from '../../api/tips.js';
import { useCurrentUser } from '../../auth/CurrentUser.js';
import type { DataColumn } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { PagedList } from '../../components/PagedList.js';
import { formatDate, formatDateTime } from '../../format.js';
import { t } from '../../i18n/index.js';
import '../../i18n/stage4.js';
import { ForbiddenPage } from '../NotFoundPage.js';
import { TipDialog } from './TipDialog.js';
import { TipStatusTag } from './TipStatusTag.js';

const PAGE_SIZE = 20;

export default function TipsPage() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const list = useTips(status, page, PAGE_SIZE);
  if (!me.abilities.viewTips) return <ForbiddenPage />;
  const columns: DataColumn<TipDto>[] = [
    { key: 'description', card: 'title', title: t('tips.col.description'), wrap: 360, render: (_, r) => <Typography.Text>{r.description}</Typography.Text> },
    { key: 'submitted', title: t('tips.col.submitted'), render: (_, r) => formatDateTime(r.submittedAt) },
    { key: 'status', title: t('tips.col.status'), render: (_, r) => <TipStatusTag tip={r} /> },
    { key: 'town', title: t('tips.col.town'), render: (_, r) => (r.town ? `${r.town.name}${r.dueOn ? `（${formatDate(r.dueOn)}）` : ''}` : t('common.empty')) },
  ];
  const acts = (r: TipDto) => r.abilities.assign || r.abilities.answer || r.abilities.dismiss;
  return (
    <>
      <PageHeader title={t('tips.title')} subtitle={t('tips.hint')} />
      <Flex vertical gap={12} className="section-card">
        <Typography.Text type="secondary" copyable={{ text: `${location.origin}/report` }}>
          {t('tips.portalLink', { url: `${location.origin}/report` })}
        </Typography.Text>
        <Radio.Group
          id="tip-filter"
          optionType="button"
          value={status}
          onChange={(e) => {
            setPage(1);
            setParams(e.target.value ? { status: e.target.value as string } : {}, { replace: true });
          }}
          options={[{ value: '', label: t('tips.filter.all') }, ...TIP_STATUSES.map((s) => ({ value: s, label: t(`tips.status.${s}`) }))]}
        />
        <PagedList<TipDto>
          id="tip-list"
          rowKey="id"
          columns={columns}
          query={list}
          page={page}
          pageSize={PAGE_SIZE}
          onPage={setPage}
          empty={t('tips.empty')}
          actions={{ render: (r) => <Button size="small" type={acts(r) ? 'primary' : 'default'} onClick={() => setOpen(r.id)} className="tip-open">{acts(r) ? t('tips.open') : t('tips.view')}</Button> }}
        />
      </Flex>
      {open !== null && <TipDialog id={open} onClose={() => setOpen(null)} />}
    </>
  );
}
