// The outcome of a page or an action — not found, not allowed, no network, failed, done — as an
// icon, a title, a line and the next step. Ant Design's Result does the same with large SVG
// pictures (≈10 KB gzip) that the login page and every page's error path would otherwise load.
import { CheckCircleFilled, CloseCircleFilled, ExclamationCircleFilled, QuestionCircleFilled, StopFilled } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

export type OutcomeStatus = 'success' | 'warning' | 'error' | '404' | '403';

const ICONS: Record<OutcomeStatus, ReactNode> = {
  success: <CheckCircleFilled style={{ color: '#52c41a' }} />,
  warning: <ExclamationCircleFilled style={{ color: '#faad14' }} />,
  error: <CloseCircleFilled style={{ color: '#ff4d4f' }} />,
  '404': <QuestionCircleFilled style={{ color: '#8c8c8c' }} />,
  '403': <StopFilled style={{ color: '#8c8c8c' }} />,
};

export function Outcome({ status, title, subTitle, extra, icon }: { status: OutcomeStatus; title: ReactNode; subTitle?: ReactNode; extra?: ReactNode; icon?: ReactNode }) {
  return (
    <Flex vertical align="center" gap={8} className={`outcome outcome-${status}`} role={status === 'success' ? 'status' : 'alert'}>
      <span className="outcome-icon">{icon ?? ICONS[status]}</span>
      <Typography.Title level={4} style={{ margin: 0, textAlign: 'center' }}>
        {title}
      </Typography.Title>
      {subTitle && (
        <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
          {subTitle}
        </Typography.Text>
      )}
      {extra && (
        <Flex gap={8} wrap justify="center" style={{ marginTop: 16 }}>
          {extra}
        </Flex>
      )}
    </Flex>
  );
}
