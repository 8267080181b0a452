import { Tag } from 'antd';
import type { TipDto } from '../../../domain/tips.js';
import { t } from '../../i18n/index.js';

const COLOURS: Record<TipDto['status'], string> = { received: 'blue', assigned: 'gold', answered: 'green', dismissed: 'default' };

/** A tip's status for the staff, with 已逾期 when its verification is past the deadline. */
export function TipStatusTag({ tip }: { tip: Pick<TipDto, 'status' | 'overdue'> }) {
  return (
    <span>
      <Tag color={COLOURS[tip.status]}>{t(`tips.status.${tip.status}`)}</Tag>
      {tip.overdue && <Tag color="red">{t('tips.overdue')}</Tag>}
    </span>
  );
}
