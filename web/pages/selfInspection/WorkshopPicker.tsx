import { Flex, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useSettled } from '../../components/useSettled.js';
import { useEnterpriseList } from '../../api/hooks.js';
import { t } from '../../i18n/index.js';
import '../../i18n/selfInspection.js';
import { workshopOption, workshopSearchParams, type WorkshopOption } from './workshopOptions.js';


interface Props {
  /** The workshop's id (a Form.Item's value). */
  value?: number | null;
  onChange?: (id: number | null) => void;
  /** The clue's town: matches are searched there. */
  townId: number | undefined;
  /** Told the picked workshop, e.g. to fill in its town. */
  onPick?: (option: WorkshopOption | null) => void;
  id?: string;
}

/** The workshop a clue concerns, found by typing part of its name (the list's search), shown with its town. */
export function WorkshopPicker({ value, onChange, townId, onPick, id }: Props) {
  const [search, setSearch] = useState('');
  const settled = useSettled(search);
  const list = useEnterpriseList(workshopSearchParams(settled, townId));
  // The picked one stays labelled while later searches no longer list it.
  const [picked, setPicked] = useState<WorkshopOption | null>(null);
  const found = (list.data?.items ?? []).map(workshopOption);
  const options = picked && !found.some((o) => o.value === picked.value) ? [picked, ...found] : found;
  return (
    <Select<number, WorkshopOption>
      id={id}
      allowClear
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={t('si.clue.enterprisePlaceholder')}
      value={value ?? undefined}
      options={options}
      optionRender={(o) => (
        <Flex vertical>
          <span>{o.data.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.data.place}
          </Typography.Text>
        </Flex>
      )}
      notFoundContent={list.isFetching ? <Spin size="small" /> : t(settled.trim() ? 'si.clue.enterpriseNone' : 'si.clue.enterpriseEmpty')}
      onChange={(next, option) => {
        const chosen = next === undefined || Array.isArray(option) ? null : (option ?? null);
        setPicked(chosen);
        onPick?.(chosen);
        onChange?.(chosen ? chosen.value : null);
      }}
    />
  );
}
