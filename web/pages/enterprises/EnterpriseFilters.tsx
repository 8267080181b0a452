import { ReloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Input, Row, Select, Tag } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { STATUSES } from '../../../domain/status.js';
import { useCampaign, useTowns, useVillages, type EnterpriseListParams } from '../../api/hooks.js';
import { useCurrentUser } from '../../auth/CurrentUser.js';
import { t } from '../../i18n/index.js';
import { label } from '../../i18n/labels.js';
import { useIsPhone } from '../../components/useIsPhone.js';

interface Props {
  params: EnterpriseListParams;
  update: (patch: Partial<EnterpriseListParams>) => void;
  hasFilters: boolean;
}

/** A filter that has no select of its own (a to-do's link): a tag that removes it when closed. */
function FilterTag({ id, onClose, children }: { id: string; onClose: () => void; children: ReactNode }) {
  return (
    <Tag
      id={id}
      color="orange"
      closable
      onClose={(e) => {
        e.preventDefault();
        onClose();
      }}
      style={{ marginInlineEnd: 0 }}
    >
      {children}
    </Tag>
  );
}

/**
 * Town → village (dependent), status, and a search box; every change lands in the URL. A user who
 * sees a single town (its staff, a village head) gets no town select, only that town's villages.
 * A department's queue (`pendingItem`) shows as a closable tag.
 */
export function EnterpriseFilters({ params, update, hasFilters }: Props) {
  const isPhone = useIsPhone();
  const me = useCurrentUser();
  const towns = useTowns();
  const campaign = useCampaign();
  const urlTown = params.town && /^\d+$/.test(params.town) ? Number(params.town) : undefined;
  // Until the towns are known the server's word on the user's town tells, so that a town's staff never see the select flash by.
  const oneTown = towns.data ? towns.data.length <= 1 : me.homeTown !== null;
  const townId = oneTown ? towns.data?.[0]?.id : urlTown;
  const villages = useVillages(townId, oneTown && towns.data !== undefined);
  const pendingItem = params.pendingItem;
  const pendingItemName = campaign.data?.standardItems.find((s) => s.code === pendingItem)?.name ?? pendingItem;
  const [q, setQ] = useState(params.q ?? '');
  useEffect(() => setQ(params.q ?? ''), [params.q]);

  return (
    <Card className="filter-bar" size="small">
      <Row gutter={[12, 12]} align="middle">
        <Col xs={12} md={6} xl={4} style={oneTown ? { display: 'none' } : undefined}>
          <Select
            id="filter-town"
            style={{ width: '100%' }}
            allowClear
            placeholder={t('enterprise.filter.allTowns')}
            aria-label={t('enterprise.filter.town')}
            loading={towns.isPending}
            value={params.town}
            options={(towns.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
            onChange={(v?: string) => update({ town: v, village: undefined })}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Col>
        <Col xs={12} md={6} xl={4}>
          <Select
            id="filter-village"
            style={{ width: '100%' }}
            allowClear
            disabled={!townId && !oneTown}
            placeholder={t('enterprise.filter.allVillages')}
            aria-label={t('enterprise.filter.village')}
            loading={villages.isFetching}
            value={params.village}
            options={(villages.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
            onChange={(v?: string) => update({ village: v })}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Col>
        <Col xs={oneTown ? 12 : 24} md={6} xl={4}>
          <Select
            id="filter-status"
            style={{ width: '100%' }}
            allowClear
            placeholder={t('enterprise.filter.allStatuses')}
            aria-label={t('enterprise.filter.status')}
            value={params.status}
            options={STATUSES.map((s) => ({ value: s, label: label.status(s) }))}
            onChange={(v?: EnterpriseListParams['status']) => update({ status: v })}
          />
        </Col>
        <Col xs={24} md={oneTown ? 12 : 18} xl={oneTown ? 13 : 9}>
          <Input.Search
            id="filter-q"
            allowClear
            value={q}
            maxLength={50}
            placeholder={t('enterprise.filter.qPlaceholder')}
            aria-label={t('enterprise.filter.q')}
            enterButton={<SearchOutlined />}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
          />
        </Col>
        {(!isPhone || hasFilters) && (
          <Col xs={24} md={6} xl={3} style={{ textAlign: 'right' }}>
            <Button icon={<ReloadOutlined />} disabled={!hasFilters} block={isPhone} onClick={() => update({ town: undefined, village: undefined, status: undefined, q: undefined, pendingItem: undefined, incomplete: undefined })}>
              {t('common.reset')}
            </Button>
          </Col>
        )}
        {(pendingItem || params.incomplete) && (
          <Col xs={24}>
            <Flex gap={8} wrap>
              {pendingItem && (
                <FilterTag id="filter-pending-item" onClose={() => update({ pendingItem: undefined })}>
                  {t('enterprise.filter.pendingItem', { item: pendingItemName })}
                </FilterTag>
              )}
              {params.incomplete && (
                <FilterTag id="filter-incomplete" onClose={() => update({ incomplete: undefined })}>
                  {t('enterprise.filter.incomplete')}
                </FilterTag>
              )}
            </Flex>
          </Col>
        )}
      </Row>
    </Card>
  );
}
