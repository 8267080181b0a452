// Downloads of the notice's forms (附件1/2/3). Plain links: the session cookie goes along, and the
// server answers an .xlsx with its file name, cut to the user's scope and the list's filters.
import { DownOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import type { EnterpriseListParams } from '../../api/hooks.js';
import { t } from '../../i18n/index.js';
import { exportQuerySchema } from '../../../domain/enterprise.js';

/** The filters an export takes: the list's, from the route's own schema. */
const FILTER_KEYS = Object.keys(exportQuerySchema.shape) as (keyof typeof exportQuerySchema.shape)[];

export function exportUrl(form: 'task-table' | 'registration-table' | 'leading-group', params?: Partial<EnterpriseListParams>): string {
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const v = params?.[key];
    if (v !== undefined && v !== null && v !== '') query.set(key, String(v));
  }
  const qs = query.toString();
  return `/api/exports/${form}.xlsx${qs ? `?${qs}` : ''}`;
}

/** 导出任务表 / 导出登记表 for the workshop list, with its current filters. */
export function ExportDropdown({ params, filtered, block }: { params: Partial<EnterpriseListParams>; filtered: boolean; block?: boolean }) {
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'task-table', label: <a href={exportUrl('task-table', params)} download id="export-task-table">{t('exports.taskTable')}</a> },
          { key: 'registration-table', label: <a href={exportUrl('registration-table', params)} download id="export-registration-table">{t('exports.registrationTable')}</a> },
          { type: 'divider' },
          { key: 'hint', disabled: true, label: filtered ? t('exports.filteredHint') : t('exports.allHint') },
        ],
      }}
    >
      <Button icon={<FileExcelOutlined />} id="export-menu" block={block}>
        {t('exports.button')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}

/** 领导小组名单（附件1）. */
export function LeadingGroupDownload({ size }: { size?: 'small' | 'middle' }) {
  return (
    <Button type="link" size={size} icon={<FileExcelOutlined />} href={exportUrl('leading-group')} download id="export-leading-group">
      {t('exports.leadingGroup')}
    </Button>
  );
}
