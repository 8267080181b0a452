import { Alert, Steps, Typography } from 'antd';
import type { RejectionDto } from '../../../../domain/api.js';
import type { Status } from '../../../../domain/status.js';
import { t } from '../../../i18n/index.js';
import { useIsPhone } from '../../../components/useIsPhone.js';
import { rejectionText } from './rejection.js';

type StepState = { current: number; status: 'process' | 'finish' | 'error' };

/** Where a status sits on the main path 已摸排 → 取缔中 → 已取缔 → 验收通过. */
function stepState(status: Status): StepState {
  switch (status) {
    case 'surveyed':
      return { current: 0, status: 'process' };
    case 'in_progress':
      return { current: 1, status: 'process' };
    case 'shut_down':
      return { current: 2, status: 'process' };
    case 'accepted':
      return { current: 3, status: 'finish' };
    case 'rejected':
      return { current: 3, status: 'error' };
    case 'recurred':
      return { current: 1, status: 'error' };
    case 'excluded':
      return { current: 0, status: 'finish' };
  }
}

export function WorkflowSteps({ status }: { status: Status }) {
  const isPhone = useIsPhone();
  const s = stepState(status);
  const titles = [
    t('workflow.step.surveyed'),
    status === 'recurred' ? t('status.recurred') : t('workflow.step.inProgress'),
    t('workflow.step.shutDown'),
    status === 'rejected' ? t('workflow.step.rejected') : t('workflow.step.accepted'),
  ];
  return (
    <div id="workflow-steps">
    <Steps
      size="small"
      responsive={false}
      titlePlacement={isPhone ? 'vertical' : 'horizontal'}
      current={s.current}
      status={s.status}
      items={titles.map((title) => ({ title }))}
    />
    </div>
  );
}

/** A rejected workshop: the verdict's reasons, its findings, and what the town must redo. */
function RejectionAlert({ rejection }: { rejection: RejectionDto }) {
  const text = rejectionText(rejection);
  return (
    <Alert
      showIcon
      type="error"
      title={t('rejection.title')}
      id="rejection-alert"
      description={
        <div style={{ whiteSpace: 'pre-wrap' }}>
          <div className="rejection-reasons">{text.reasons}</div>
          <div className="rejection-findings">{text.findings}</div>
          <div className="rejection-redo" style={{ marginTop: 4 }}>
            <strong>{text.redo}</strong>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {text.by}
          </Typography.Text>
        </div>
      }
      style={{ marginTop: 16 }}
    />
  );
}

/** Explains the statuses off the main path, with the reason the server recorded (for a rejection, the verdict itself). */
export function StatusAlert({ status, reason, rejection = null }: { status: Status; reason: string; rejection?: RejectionDto | null }) {
  if (status === 'rejected' && rejection) return <RejectionAlert rejection={rejection} />;
  const text: Partial<Record<Status, [string, 'info' | 'warning' | 'error' | 'success']>> = {
    excluded: [t('enterprise.detail.excluded'), 'info'],
    recurred: [t('enterprise.detail.recurred'), 'error'],
    rejected: [t('enterprise.detail.rejected'), 'error'],
    shut_down: [t('enterprise.detail.awaitingVerdict'), 'info'],
  };
  const entry = text[status];
  if (!entry) return null;
  return (
    <Alert
      showIcon
      type={entry[1]}
      title={entry[0]}
      description={reason ? t('common.labelled', { label: t('enterprise.detail.statusReason'), value: reason }) : undefined}
      style={{ marginTop: 16 }}
    />
  );
}
