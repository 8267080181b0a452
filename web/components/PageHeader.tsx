import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

interface Props {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  back?: { to: string; label: string };
  tags?: ReactNode;
}

/** The title row of a page: optional back link, title with tags, a muted subtitle, actions on the right. */
export function PageHeader({ title, subtitle, extra, back, tags }: Props) {
  return (
    <div className="page-header">
      {back && (
        <Link to={back.to} className="page-header-back">
          <Button type="link" size="small" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
            {back.label}
          </Button>
        </Link>
      )}
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <div style={{ minWidth: 0, flex: '1 1 auto' }}>
          <Flex align="center" gap={8} wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {title}
            </Typography.Title>
            {tags}
          </Flex>
          {subtitle && (
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
              {subtitle}
            </Typography.Text>
          )}
        </div>
        {extra && (
          <Flex gap={8} wrap className="page-header-extra">
            {extra}
          </Flex>
        )}
      </Flex>
    </div>
  );
}
