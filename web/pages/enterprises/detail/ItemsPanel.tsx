import { EditOutlined, PictureOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, Tag, Typography, type TableProps } from 'antd';
import type { ReactNode } from 'react';
import type { CampaignDto, DepartmentDto, ItemDto } from '../../../../domain/api.js';
import type { StandardItem } from '../../../../domain/campaign.js';
import { ItemStateTag } from '../../../components/StatusTag.js';
import { formatDate } from '../../../format.js';
import { t } from '../../../i18n/index.js';
import { useIsPhone } from '../../../components/useIsPhone.js';
import { doneLabelOf } from './itemLabels.js';

interface Props {
  items: ItemDto[];
  campaign: CampaignDto | undefined;
  departments: DepartmentDto[] | undefined;
  onRecord: (item: ItemDto) => void;
  /** How many evidence files the item has and needs. */
  evidenceOf: (item: ItemDto) => EvidenceNeed;
  /** The item's gallery and upload button. */
  renderEvidence: (item: ItemDto) => ReactNode;
  /** The workshop was rejected: the items done before are to be recorded again after rectification. */
  rectifying?: boolean;
}

export interface EvidenceNeed {
  count: number;
  min: number;
}

/** Whether the item still lacks the evidence its completion requires (not applicable items need none here; the server decides). */
export const lacksEvidence = (item: ItemDto, need: EvidenceNeed) => item.state !== 'not_applicable' && need.count < need.min;

function EvidenceCount({ item, need }: { item: ItemDto; need: EvidenceNeed }) {
  const lacking = lacksEvidence(item, need);
  return (
    <div className="item-evidence-count" data-item={item.code} data-count={need.count} data-lacking={lacking}>
      <Tag icon={<PictureOutlined />} color={lacking ? 'error' : need.count > 0 ? 'success' : 'default'} style={{ marginInlineEnd: 0 }}>
        {lacking ? t('evidence.countOf', { count: need.count, min: need.min }) : t('evidence.count', { count: need.count })}
      </Tag>
      {lacking && (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12, marginTop: 2 }} className="item-evidence-required">
          {t('evidence.required')}
        </Typography.Text>
      )}
    </div>
  );
}

function departmentNames(def: StandardItem | undefined, departments: DepartmentDto[] | undefined): string[] {
  if (!def || def.departments.length === 0) return [t('item.townDoes')];
  return def.departments.map((code) => departments?.find((d) => d.code === code)?.name ?? code);
}

function Executor({ item }: { item: ItemDto }) {
  if (!item.unit && !item.person) return <span className="muted">{t('common.empty')}</span>;
  return (
    <div>
      {item.unit}
      {item.person && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{item.person}</Typography.Text>}
    </div>
  );
}

function Remark({ item }: { item: ItemDto }) {
  if (!item.reason && !item.note) return <span className="muted">{t('common.empty')}</span>;
  return (
    <div style={{ maxWidth: 260, whiteSpace: 'pre-wrap' }}>
      {item.reason && <div>{item.reason}</div>}
      {item.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{item.note}</Typography.Text>}
    </div>
  );
}

/** The five standard items with who did them, when, and a 记录 button where the server allows it. */
export function ItemsPanel({ items, campaign, departments, onRecord, evidenceOf, renderEvidence, rectifying = false }: Props) {
  const isPhone = useIsPhone();
  const defOf = (code: string) => campaign?.standardItems.find((s) => s.code === code);
  const recordButton = (item: ItemDto) =>
    item.canRecord && (
      <Button
        size="small"
        type={item.state === 'pending' || rectifying ? 'primary' : 'default'}
        icon={<EditOutlined />}
        onClick={() => onRecord(item)}
        data-item={item.code}
        data-state={item.state}
        className="item-record-button"
      >
        {rectifying && item.state !== 'pending' ? t('item.recordAgain') : t('item.record')}
      </Button>
    );

  if (isPhone) {
    return (
      <div id="items-list">
        {items.map((item) => {
          const def = defOf(item.code);
          return (
            <Card key={item.code} size="small" className="mobile-card" data-item={item.code}>
              <Flex justify="space-between" align="center" gap={8}>
                <span className="mobile-card-title">{def?.name ?? item.code}</span>
                <ItemStateTag state={item.state} />
              </Flex>
              <div className="mobile-card-meta">
                {t('common.labelled', { label: t('item.col.department'), value: departmentNames(def, departments).join(t('common.listSeparator')) })}
              </div>
              {item.state !== 'pending' && (
                <div className="mobile-card-meta">
                  {[item.unit, item.person, item.date].filter(Boolean).join(' · ')}
                  {item.reason && <div>{item.reason}</div>}
                  {item.note && <div>{item.note}</div>}
                </div>
              )}
              <div className="item-card-evidence">
                <Flex justify="space-between" align="flex-start" gap={8}>
                  <EvidenceCount item={item} need={evidenceOf(item)} />
                  {item.canRecord && recordButton(item)}
                </Flex>
                {renderEvidence(item)}
              </div>
            </Card>
          );
        })}
      </div>
    );
  }

  const columns: TableProps<ItemDto>['columns'] = [
    {
      key: 'name',
      title: t('item.col.name'),
      render: (_, item) => {
        const def = defOf(item.code);
        return (
          <div style={{ minWidth: 160 }}>
            <Typography.Text strong>{def?.name ?? item.code}</Typography.Text>
            {doneLabelOf(item, def) && (
              <Tag color="success" style={{ marginInlineStart: 8 }} className="item-done-label">
                {doneLabelOf(item, def)}
              </Tag>
            )}
            {def?.description && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{def.description}</Typography.Text>}
          </div>
        );
      },
    },
    {
      key: 'department',
      title: t('item.col.department'),
      render: (_, item) => departmentNames(defOf(item.code), departments).map((n) => <div key={n}>{n}</div>),
    },
    { key: 'state', title: t('item.col.state'), render: (_, item) => <ItemStateTag state={item.state} /> },
    { key: 'executor', title: t('item.col.executor'), render: (_, item) => <Executor item={item} /> },
    { key: 'date', title: t('item.col.date'), render: (_, item) => <span className="num" style={{ whiteSpace: 'nowrap' }}>{formatDate(item.date)}</span> },
    { key: 'remark', title: t('item.col.remark'), render: (_, item) => <Remark item={item} /> },
    { key: 'evidence', title: t('evidence.col'), render: (_, item) => <EvidenceCount item={item} need={evidenceOf(item)} /> },
  ];
  // Fixed at the right: in view however wide a long remark or many departments make the table.
  if (items.some((i) => i.canRecord)) columns.push({ key: 'actions', title: t('item.col.actions'), width: 90, fixed: 'right', render: (_, item) => recordButton(item) });

  // Each item's gallery sits right under its row, open from the start: the evidence is what the record is for.
  return (
    <Table<ItemDto>
      id="items-table"
      rowKey="code"
      columns={columns}
      dataSource={items}
      pagination={false}
      size="middle"
      scroll={{ x: 'max-content' }}
      expandable={{ expandedRowRender: (item) => <div className="item-evidence-row">{renderEvidence(item)}</div>, defaultExpandAllRows: true }}
    />
  );
}
