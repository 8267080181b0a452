// The workshops of one town an application lists, found by typing part of a name (the list's
// search index), several at once.
import { Flex, Select, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useSettled } from '../../components/useSettled.js';
import { useEnterpriseList } from '../../api/hooks.js';
import { t } from '../../i18n/index.js';
import '../../i18n/selfInspection.js';
// The shutdown stage's page strings, registered when this module loads.
import '../../i18n/stage2.js';
import { workshopOption, workshopSearchParams, type WorkshopOption } from '../selfInspection/workshopOptions.js';


interface Props {
  value?: number[];
  onChange?: (ids: number[]) => void;
  townId: number | undefined;
  id?: string;
  /** Workshops already chosen (a returned application), so that they show their names. */
  initial?: WorkshopOption[];
  placeholder?: string;
}

export function WorkshopsPicker({ value, onChange, townId, id, initial = [], placeholder }: Props) {
  const [search, setSearch] = useState('');
  const settled = useSettled(search);
  const list = useEnterpriseList(workshopSearchParams(settled, townId));
  const [picked, setPicked] = useState<WorkshopOption[]>(initial);
  const found = (list.data?.items ?? []).map(workshopOption);
  const options = [...picked.filter((p) => !found.some((o) => o.value === p.value)), ...found];
  return (
    <Select<number[], WorkshopOption>
      id={id}
      mode="multiple"
      disabled={townId === undefined}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={placeholder ?? t('ops.workshopsPlaceholder')}
      value={value ?? []}
      options={options}
      optionRender={(o) => (
        <Flex vertical>
          <span>{o.data.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.data.place}
          </Typography.Text>
        </Flex>
      )}
      notFoundContent={list.isFetching ? <Spin size="small" /> : t('si.clue.enterpriseNone')}
      onChange={(next, chosen) => {
        setPicked((Array.isArray(chosen) ? chosen : []).filter(Boolean));
        onChange?.(next);
      }}
    />
  );
}
