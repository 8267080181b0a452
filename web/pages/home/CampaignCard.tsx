import { Card, Col, Row, Steps, Tag, Typography } from 'antd';
import type { CampaignDto } from '../../../domain/api.js';
import { formatMonthDay } from '../../format.js';
import { t } from '../../i18n/index.js';
import { daysLeftText } from '../../layout/phaseText.js';

/** The campaign at a glance: document, the phase we are in with its deadline, all phases, the standard. */
export function CampaignCard({ campaign }: { campaign: CampaignDto }) {
  const currentIndex = campaign.phases.findIndex((p) => p.code === campaign.currentPhase?.code);
  const days = daysLeftText(campaign.currentPhase);
  return (
    <Card size="small" className="section-card" id="campaign-card">
      <Row gutter={[24, 12]}>
        <Col xs={24} lg={9}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('home.campaign')} · {campaign.documentNumber}
          </Typography.Text>
          <Typography.Title level={5} style={{ margin: '4px 0 8px' }}>
            {t('home.campaignTitle', { issuer: campaign.issuer, title: campaign.title })}
          </Typography.Title>
          <div>
            <Typography.Text type="secondary">{t('common.labelled', { label: t('home.standard'), value: '' })}</Typography.Text>
            {campaign.standardItems.map((s) => (
              <Tag key={s.code} style={{ marginBottom: 4 }}>
                {s.name}
              </Tag>
            ))}
          </div>
          {campaign.currentPhase && (
            <div style={{ marginTop: 8 }}>
              <Typography.Text type="secondary">{t('common.labelled', { label: t('header.phase'), value: '' })}</Typography.Text>
              <Typography.Text strong>{campaign.currentPhase.name}</Typography.Text>
              {days && (
                <Tag color={campaign.currentPhase.daysLeft !== null && campaign.currentPhase.daysLeft < 0 ? 'error' : 'processing'} style={{ marginInlineStart: 8 }}>
                  {days}
                </Tag>
              )}
            </div>
          )}
        </Col>
        <Col xs={0} md={24} lg={15}>
          <Steps
            size="small"
            titlePlacement="vertical"
            current={currentIndex < 0 ? 0 : currentIndex}
            items={campaign.phases.map((p) => ({
              title: p.name,
              content: (
                <span style={{ fontSize: 12 }}>
                  {p.end
                    ? t('home.phaseWindow', { start: formatMonthDay(p.start), end: formatMonthDay(p.end) })
                    : t('home.phaseFrom', { start: formatMonthDay(p.start) })}
                </span>
              ),
            }))}
          />
        </Col>
      </Row>
    </Card>
  );
}
