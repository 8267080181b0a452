import { Tag } from 'antd';
import type { ItemState, Status } from '../../domain/status.js';
import { label } from '../i18n/labels.js';

/** Tag colours per status, and the same hues for charts. */
export const STATUS_TAG_COLORS: Record<Status, string> = {
  surveyed: 'blue',
  in_progress: 'orange',
  shut_down: 'cyan',
  accepted: 'green',
  rejected: 'red',
  recurred: 'magenta',
  excluded: 'default',
};

export const STATUS_CHART_COLORS: Record<Status, string> = {
  surveyed: '#4096ff',
  in_progress: '#fa8c16',
  shut_down: '#13c2c2',
  accepted: '#52c41a',
  rejected: '#f5222d',
  recurred: '#eb2f96',
  excluded: '#bfbfbf',
};

export function StatusTag({ status }: { status: Status }) {
  return (
    <Tag color={STATUS_TAG_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {label.status(status)}
    </Tag>
  );
}

const ITEM_COLORS: Record<ItemState, string> = { pending: 'default', done: 'success', not_applicable: 'warning' };

export function ItemStateTag({ state }: { state: ItemState }) {
  return (
    <Tag color={ITEM_COLORS[state]} style={{ marginInlineEnd: 0 }}>
      {label.itemState(state)}
    </Tag>
  );
}
