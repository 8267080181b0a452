// 疑似原取缔场所 on a workshop's page (改头换面): the shut sites it may be, likeliest first, each with its
// score and reasons; the pairs already judged; 是同一场所 / 不是 for the register's keepers. Nothing is
// shown while there is nothing alike.
import { App, Button, Card, Flex, Form, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { sameSiteDecisionSchema, type SameSiteDecision, type SameSiteMatchDto, type SameSiteReason } from '../../../domain/sameSite.js';
import type { Status } from '../../../domain/status.js';
import { useDecideSameSite, useSameSites } from '../../api/sameSite.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { StatusTag } from '../../components/StatusTag.js';
import { useApiError } from '../../components/useApiError.js';
import { formatDateTime, metaLine, placeName } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
import '../../i18n/stage4.js';

function reasonText(r: SameSiteReason): string {
  return r.kind === 'distance' ? t('same.reason.distance', { metres: r.metres }) : t(`same.reason.${r.kind}`);
}

function MatchRow({ match, canDecide, onDecide }: { match: SameSiteMatchDto; canDecide: boolean; onDecide: (decision: SameSiteDecision) => void }) {
  const { site } = match;
  return (
    <div className="same-site-match" style={{ padding: '8px 0', borderTop: '1px solid #f0f0f0' }}>
      <Flex wrap gap={6} align="center">
        <Link to={`/enterprises/${site.id}`} style={{ fontWeight: 500 }}>
          {site.name}
        </Link>
        <StatusTag status={site.status as Status} />
        <Tag color={match.score >= 0.8 ? 'red' : 'orange'}>{t('same.score', { percent: Math.round(match.score * 100) })}</Tag>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {metaLine(placeName(site), site.address, site.contactPerson ? t('same.operator', { name: site.contactPerson }) : null)}
      </Typography.Text>
      <Flex wrap gap={4} style={{ marginTop: 4 }}>
        {match.reasons.map((r) => (
          <Tag key={r.kind} className="same-site-reason">
            {reasonText(r)}
          </Tag>
        ))}
      </Flex>
      {match.decision && (
        <Typography.Paragraph style={{ fontSize: 12, margin: '4px 0 0' }} type={match.decision === 'confirmed' ? 'danger' : 'secondary'}>
          <strong>{t(match.decision === 'confirmed' ? 'same.confirmed' : 'same.dismissed')}</strong>
          {match.note && `：${match.note}`}
          {' · '}
          {t('same.decidedBy', { name: match.decidedBy ?? '', time: formatDateTime(match.decidedAt) })}
        </Typography.Paragraph>
      )}
      {canDecide && (
        <Flex gap={8} style={{ marginTop: 6 }}>
          {match.decision !== 'confirmed' && (
            <Button size="small" danger type={match.decision ? 'default' : 'primary'} className="same-site-confirm" onClick={() => onDecide('confirmed')}>
              {t(match.decision ? 'same.toConfirm' : 'same.confirm')}
            </Button>
          )}
          {match.decision !== 'dismissed' && (
            <Button size="small" className="same-site-dismiss" onClick={() => onDecide('dismissed')}>
              {t(match.decision ? 'same.toDismiss' : 'same.dismiss')}
            </Button>
          )}
        </Flex>
      )}
    </div>
  );
}

function DecisionDialog({ enterpriseId, name, match, decision, onClose }: { enterpriseId: number; name: string; match: SameSiteMatchDto; decision: SameSiteDecision; onClose: () => void }) {
  const [form] = Form.useForm();
  const decide = useDecideSameSite(enterpriseId);
  const showError = useApiError();
  const { message } = App.useApp();
  const submit = () => {
    const body = validateWithSchema(form, sameSiteDecisionSchema, { decision, note: form.getFieldValue('note') ?? '' });
    if (!body) return;
    decide.mutate(
      { siteId: match.site.id, body },
      {
        onSuccess: () => {
          void message.success(t('same.saved'));
          onClose();
        },
        onError: (e) => showError(e, { form }),
      },
    );
  };
  return (
    <ResponsiveModal
      open
      title={decision === 'confirmed' ? t('same.dialog.confirm', { name, site: match.site.name }) : t('same.dialog.dismiss', { site: match.site.name })}
      onCancel={onClose}
      onOk={submit}
      okText={t('common.submit')}
      okButtonProps={{ loading: decide.isPending, id: 'same-site-submit', danger: decision === 'confirmed' }}
    >
      <Form form={form} layout="vertical" name="sameSite">
        <Form.Item name="note" label={t('same.dialog.note')} required={decision === 'dismissed'}>
          <Input.TextArea id="same-site-note" rows={3} maxLength={500} showCount placeholder={t(decision === 'confirmed' ? 'same.dialog.noteConfirm' : 'same.dialog.noteDismiss')} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}

export function SameSiteCard({ enterpriseId, name }: { enterpriseId: number; name: string }) {
  const query = useSameSites(enterpriseId);
  const [deciding, setDeciding] = useState<{ match: SameSiteMatchDto; decision: SameSiteDecision } | null>(null);
  // Nothing alike (or not readable now): no card — the page is long enough on a phone.
  if (!query.data || query.data.items.length === 0) return null;
  const { items, canDecide } = query.data;
  return (
    <Card className="section-card" size="small" id="enterprise-same-site" title={t('same.title')}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
        {t('same.hint')}
      </Typography.Paragraph>
      {items.map((m) => (
        <MatchRow key={m.site.id} match={m} canDecide={canDecide} onDecide={(decision) => setDeciding({ match: m, decision })} />
      ))}
      {deciding && <DecisionDialog enterpriseId={enterpriseId} name={name} match={deciding.match} decision={deciding.decision} onClose={() => setDeciding(null)} />}
    </Card>
  );
}
