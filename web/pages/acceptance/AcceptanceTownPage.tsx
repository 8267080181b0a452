// 一个镇街的验收抽查: per round (验收抽查, 整改复查) the newest draw — its seed, parameters, the sample
// with the chosen sites first — with publishing, redrawing (with a reason) and the record to download
// and re-run; the earlier draws below it, never hidden. The inspection group draws here; a town's staff
// see only what was published to them. A table on a desk, cards on a phone.
import { DownloadOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { App, Button, Card, Collapse, DatePicker, Descriptions, Flex, Form, Input, InputNumber, List, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { drawSchema, hearingSchema, DRAW_ROUNDS, type AcceptanceTownDetailDto, type DrawDto, type DrawRound } from '../../../domain/acceptance.js';
import { drawRecordUrl, useAcceptanceTown, useDraw, usePublishDraw, useRecordHearing } from '../../api/acceptance.js';
import { DataTable, type DataColumn } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { useApiError } from '../../components/useApiError.js';
import { formatDate, formatDateTime, metaLine, pickerToday, pickerValue } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
// The acceptance stage's page strings, registered when this module loads.
import '../../i18n/stage3.js';
import { label } from '../../i18n/labels.js';
import { WorkshopsPicker } from '../jointOperations/WorkshopsPicker.js';
import { DrawStatusTag } from './drawParts.js';
import { CheckDialog, CheckSummary } from './SiteCheck.js';
import { TownVerdictCard } from './TownVerdict.js';
import { PackageCard } from './PackageCard.js';
import { TownFilesCard } from './TownFiles.js';
import { NoticesCard } from './Notices.js';

type Sampled = DrawDto['sample'][number];

export default function AcceptanceTownPage() {
  const townId = Number(useParams().townId);
  const town = useAcceptanceTown(townId);
  return (
    <QueryState query={town}>
      {(data) => (
        <>
          <PageHeader title={t('acc.townTitle', { town: data.townName })} back={{ to: '/acceptance', label: t('acc.title') }} />
          <TownVerdictCard town={data} />
          <PackageCard townId={data.townId} />
          <TownFilesCard townId={data.townId} />
          <Tabs
            id="acceptance-rounds"
            items={DRAW_ROUNDS.map((round) => ({ key: round, label: label.drawRound(round), children: <RoundPanel town={data} round={round} /> }))}
          />
          <Hearings town={data} />
          <NoticesCard townId={data.townId} failedTowns={data.verdict.status === 'failed' || data.verdict.status === 'rectifying' ? [{ id: data.townId, name: data.townName }] : []} />
        </>
      )}
    </QueryState>
  );
}

function RoundPanel({ town, round }: { town: AcceptanceTownDetailDto; round: DrawRound }) {
  const [drawing, setDrawing] = useState<{ replaces?: DrawDto } | null>(null);
  const draws = town.draws.filter((d) => d.round === round);
  const [current, ...earlier] = draws;
  const live = draws.find((d) => d.status !== 'superseded');
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text type="secondary" id={`eligible-${round}`}>
          {t('acc.eligible', { count: town.eligible[round], rule: t(`acc.rule.${round}`) })}
        </Typography.Text>
        {town.canDraw && !live && (
          <Button type="primary" id={`draw-${round}`} onClick={() => setDrawing({})}>
            {t('acc.draw')}
          </Button>
        )}
      </Flex>
      {current ? (
        <DrawCard draw={current} onRedraw={() => setDrawing({ replaces: current })} />
      ) : (
        <Card size="small">
          <Typography.Text type="secondary">{town.canDraw ? t('acc.noDraw') : t('acc.noDrawTown')}</Typography.Text>
        </Card>
      )}
      {earlier.length > 0 && (
        <Collapse
          size="small"
          items={[{ key: 'earlier', label: t('acc.earlier', { count: earlier.length }), children: earlier.map((d) => <DrawCard key={d.id} draw={d} />) }]}
        />
      )}
      {drawing && <DrawDialog town={town} round={round} replaces={drawing.replaces} onClose={() => setDrawing(null)} />}
    </Flex>
  );
}

function DrawCard({ draw, onRedraw }: { draw: DrawDto; onRedraw?: () => void }) {
  const publish = usePublishDraw();
  const [checking, setChecking] = useState<Sampled | null>(null);
  const showError = useApiError();
  const { modal, message } = App.useApp();
  const confirmPublish = () =>
    modal.confirm({
      title: t('acc.publish'),
      content: t('acc.publishConfirm', { town: draw.townName }),
      onOk: () =>
        publish.mutateAsync({ id: draw.id, version: draw.version }).then(
          () => void message.success(t('acc.published')),
          (e: unknown) => showError(e),
        ),
    });
  const columns: DataColumn<Sampled>[] = [
    { key: 'seq', title: t('acc.col.seq'), align: 'right', card: 'hidden', render: (_, _s, i) => i + 1 },
    { key: 'name', card: 'title', title: t('acc.col.workshop'), render: (_, s) => <Link to={`/enterprises/${s.enterpriseId}`}>{s.name}</Link> },
    { key: 'how', card: 'title', title: t('acc.col.how'), render: (_, s) => <Tag color={s.how === 'chosen' ? 'purple' : 'blue'}>{label.sampleHow(s.how)}</Tag> },
    { key: 'village', title: t('acc.col.village'), render: (_, s) => s.villageName ?? t('common.empty') },
    { key: 'address', title: t('acc.col.address'), wrap: 320, render: (_, s) => s.address || t('common.empty') },
    { key: 'check', title: t('acc.col.check'), wrap: 360, render: (_, s) => (s.check ? <CheckSummary check={s.check} /> : <Tag>{t('acc.check.pending')}</Tag>) },
  ];
  const checkAction = draw.abilities.check
    ? {
        render: (s: Sampled) =>
          !s.check && (
            <Button type="primary" size="small" className="check-open" onClick={() => setChecking(s)}>
              {t('acc.check.do')}
            </Button>
          ),
      }
    : undefined;
  return (
    <Card
      size="small"
      className="draw-card"
      data-draw={draw.id}
      data-status={draw.status}
      title={
        <span>
          {t('acc.seq', { seq: draw.seq })} <DrawStatusTag status={draw.status} />
        </span>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('acc.drawnBy')}>{metaLine(draw.drawnBy, formatDateTime(draw.drawnAt))}</Descriptions.Item>
        <Descriptions.Item label={t('acc.publishedBy')}>{draw.publishedAt ? metaLine(draw.publishedBy, formatDateTime(draw.publishedAt)) : t('common.empty')}</Descriptions.Item>
        <Descriptions.Item label={t('acc.params')}>{t('acc.paramsValue', { share: draw.sharePercent, minimum: draw.minimum })}</Descriptions.Item>
        <Descriptions.Item label={t('acc.eligibleCount')}>{t('acc.eligibleValue', { count: draw.eligibleIds.length, hash: draw.eligibleSha256.slice(0, 12) })}</Descriptions.Item>
        <Descriptions.Item label={t('acc.seed')}>
          <Typography.Text code copyable className="draw-seed">
            {draw.seed}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('acc.algorithm')}>{draw.algorithm}</Descriptions.Item>
        {draw.reason && <Descriptions.Item label={t('acc.reason')}>{draw.reason}</Descriptions.Item>}
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t('acc.sample', { count: draw.sample.length })}
      </Typography.Title>
      <DataTable<Sampled> id={`sample-${draw.id}`} rowKey="enterpriseId" columns={columns} dataSource={draw.sample} pagination={false} size="small" actions={checkAction} />
      {checking && <CheckDialog draw={draw} site={checking} onClose={() => setChecking(null)} />}
      {(draw.abilities.publish || (draw.abilities.redraw && onRedraw)) && (
        <Flex gap={8} wrap style={{ marginTop: 12 }}>
          {draw.abilities.publish && (
            <Button type="primary" icon={<SendOutlined />} className="draw-publish" loading={publish.isPending} onClick={confirmPublish}>
              {t('acc.publish')}
            </Button>
          )}
          {draw.abilities.redraw && onRedraw && (
            <Button icon={<ReloadOutlined />} className="draw-redraw" onClick={onRedraw}>
              {t('acc.redraw')}
            </Button>
          )}
        </Flex>
      )}
      <Flex vertical gap={4} style={{ marginTop: 8 }}>
        <a href={drawRecordUrl(draw.id)} download={`抽查记录-${draw.townName}-${draw.round}-${draw.seq}.json`} className="draw-download">
          <DownloadOutlined /> {t('acc.download')}
        </a>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('acc.verifyHint')}
        </Typography.Text>
      </Flex>
    </Card>
  );
}

function DrawDialog({ town, round, replaces, onClose }: { town: AcceptanceTownDetailDto; round: DrawRound; replaces?: DrawDto; onClose: () => void }) {
  const [form] = Form.useForm();
  const draw = useDraw();
  const showError = useApiError();
  const { message } = App.useApp();
  const submit = () => {
    const v = form.getFieldsValue();
    const data = validateWithSchema(form, drawSchema, {
      townId: town.townId,
      round,
      sharePercent: v.sharePercent ?? null,
      minimum: v.minimum ?? null,
      chosen: v.chosen ?? [],
      ...(replaces ? { replaces: replaces.id, reason: v.reason ?? '' } : {}),
    });
    if (!data) return;
    if (replaces && data.reason.length < 2) {
      form.setFields([{ name: 'reason', errors: [t('acc.form.reasonPlaceholder')] }]);
      return;
    }
    draw.mutate(data, {
      onSuccess: (d) => {
        void message.success(t('acc.drawn', { count: d.sample.length }));
        onClose();
      },
      onError: (e) => showError(e, { form }),
    });
  };
  return (
    <ResponsiveModal
      open
      title={`${replaces ? t('acc.redraw') : t('acc.draw')} · ${town.townName} · ${label.drawRound(round)}`}
      onCancel={onClose}
      onOk={submit}
      okText={t('acc.form.submit')}
      okButtonProps={{ loading: draw.isPending, id: 'draw-submit' }}
    >
      <Form
        form={form}
        layout="vertical"
        name="draw"
        initialValues={{ sharePercent: replaces?.sharePercent ?? 20, minimum: replaces?.minimum ?? 3, chosen: replaces?.chosenIds ?? [] }}
      >
        <Typography.Paragraph type="secondary">{t('acc.eligible', { count: town.eligible[round], rule: t(`acc.rule.${round}`) })}</Typography.Paragraph>
        <Flex gap={12} wrap>
          <Form.Item name="sharePercent" label={t('acc.form.share')} required>
            <InputNumber id="draw-share" min={1} max={100} precision={0} inputMode="numeric" />
          </Form.Item>
          <Form.Item name="minimum" label={t('acc.form.minimum')} required>
            <InputNumber id="draw-minimum" min={0} max={1000} precision={0} inputMode="numeric" />
          </Form.Item>
        </Flex>
        <Form.Item name="chosen" label={t('acc.form.chosen')}>
          <WorkshopsPicker
            townId={town.townId}
            id="draw-chosen"
            placeholder={t('acc.form.chosenPlaceholder')}
            initial={(replaces?.sample ?? []).filter((s) => s.how === 'chosen').map((s) => ({ value: s.enterpriseId, label: s.name, name: s.name, place: s.villageName ?? '', townId: town.townId }))}
          />
        </Form.Item>
        {replaces && (
          <Form.Item name="reason" label={t('acc.form.reason')} required>
            <Input.TextArea id="draw-reason" rows={3} maxLength={500} showCount placeholder={t('acc.form.reasonPlaceholder')} />
          </Form.Item>
        )}
      </Form>
    </ResponsiveModal>
  );
}

/** 听取汇报: the group's record of each time the town reported to it. */
function Hearings({ town }: { town: AcceptanceTownDetailDto }) {
  const [adding, setAdding] = useState(false);
  return (
    <Card
      size="small"
      title={t('acc.hearings')}
      style={{ marginTop: 16 }}
      extra={
        town.canRecordHearing && (
          <Button size="small" id="hearing-add" onClick={() => setAdding(true)}>
            {t('acc.hearings.add')}
          </Button>
        )
      }
    >
      <List
        id="hearings"
        size="small"
        locale={{ emptyText: t('acc.hearings.empty') }}
        dataSource={town.hearings}
        renderItem={(h) => (
          <List.Item key={h.id}>
            <Flex vertical gap={2}>
              <Typography.Text strong>{metaLine(formatDate(h.heldOn), h.reporter)}</Typography.Text>
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{h.summary}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {metaLine(t('acc.hearings.by', { who: h.recordedBy }), formatDateTime(h.recordedAt))}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      {adding && <HearingDialog town={town} onClose={() => setAdding(false)} />}
    </Card>
  );
}

function HearingDialog({ town, onClose }: { town: AcceptanceTownDetailDto; onClose: () => void }) {
  const [form] = Form.useForm();
  const record = useRecordHearing(town.townId);
  const showError = useApiError();
  const { message } = App.useApp();
  const submit = () => {
    const v = form.getFieldsValue();
    const data = validateWithSchema(form, hearingSchema, { heldOn: pickerValue(v.heldOn), reporter: v.reporter ?? '', summary: v.summary ?? '' });
    if (!data) return;
    record.mutate(data, {
      onSuccess: () => {
        void message.success(t('acc.hearings.saved'));
        onClose();
      },
      onError: (e) => showError(e, { form }),
    });
  };
  return (
    <ResponsiveModal open title={`${t('acc.hearings.add')} · ${town.townName}`} onCancel={onClose} onOk={submit} okButtonProps={{ loading: record.isPending, id: 'hearing-submit' }}>
      <Form form={form} layout="vertical" name="hearing" initialValues={{ heldOn: pickerToday() }}>
        <Form.Item name="heldOn" label={t('acc.hearings.heldOn')} required>
          <DatePicker inputReadOnly disabledDate={(d) => d.isAfter(pickerToday(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="reporter" label={t('acc.hearings.reporter')} required>
          <Input id="hearing-reporter" maxLength={100} placeholder={t('acc.hearings.reporterPlaceholder')} />
        </Form.Item>
        <Form.Item name="summary" label={t('acc.hearings.summary')} required>
          <Input.TextArea id="hearing-summary" rows={5} maxLength={4000} showCount />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}
