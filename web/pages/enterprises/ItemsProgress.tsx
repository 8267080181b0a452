import { Progress, Typography } from 'antd';
import { t } from '../../i18n/index.js';

interface Props {
  done: number;
  total: number;
  width?: number;
  /** One segment per standard item, label beside it (for headers); otherwise a thin bar under the label. */
  segmented?: boolean;
}

/** "已完成 3/5" with a bar. */
export function ItemsProgress({ done, total, width = 120, segmented = false }: Props) {
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  const complete = done === total && total > 0;
  const text = t('enterprise.progress', { done, total });
  if (segmented)
    return (
      <Progress
        steps={total}
        percent={percent}
        size={[14, 8]}
        strokeColor={complete ? '#52c41a' : undefined}
        format={() => <span style={{ fontSize: 12, color: complete ? '#389e0d' : undefined }}>{text}</span>}
      />
    );
  return (
    <div style={{ width, lineHeight: 1.2 }}>
      <Typography.Text style={{ fontSize: 12 }} type={complete ? 'success' : undefined}>
        {text}
      </Typography.Text>
      <Progress percent={percent} showInfo={false} size="small" strokeColor={complete ? '#52c41a' : undefined} style={{ margin: 0 }} />
    </div>
  );
}
