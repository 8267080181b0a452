// One public tip for the staff: what was reported, where, by whom (unless anonymous), the registered
// workshops within 1 km (a shut site that came back, or none: a new site), and what the user may do —
// the office gives it to a town (the one its location suggests) or sets it aside; the town answers
// with the tipster's answer, its own note and the workshops it concerns.
import { App, Button, Checkbox, DatePicker, Descriptions, Flex, Form, Image, Input, Radio, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { tipAnswerSchema, tipAssignSchema, tipDismissSchema, TIP_VERDICTS, type TipDto } from '../../../domain/tips.js';
import { addDays, todayInChina } from '../../../domain/time.js';
import { usePublicTowns, useTip, useTipAction, useTipFiles } from '../../api/tips.js';
import { QueryState } from '../../components/QueryState.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { StatusTag } from '../../components/StatusTag.js';
import { useApiError } from '../../components/useApiError.js';
import { formatDate, formatDateTime, pickerDate, pickerToday, pickerValue } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { LIKELY_SAME_SITE, proximity, SAME_SITE_RADIUS_M, SAME_SITE_STATUSES, SAME_SITE_WEIGHTS } from '../../../domain/sameSite.js';
import type { Status } from '../../../domain/status.js';
import { t } from '../../i18n/index.js';
import '../../i18n/stage4.js';
import { TipStatusTag } from './TipStatusTag.js';

type Mode = 'assign' | 'answer' | 'dismiss' | null;

/** A shut site close enough to a tip that the place alone makes it a likely comeback (the same-site score by distance). */
function likelyComeback(w: { status: string; distanceM: number | null }): boolean {
  return w.distanceM !== null && SAME_SITE_WEIGHTS.distance * proximity(w.distanceM) >= LIKELY_SAME_SITE && (SAME_SITE_STATUSES as readonly string[]).includes(w.status);
}

function Facts({ tip }: { tip: TipDto }) {
  return (
    <Descriptions size="small" column={1} bordered items={[
      { key: 'status', label: t('tips.col.status'), children: <TipStatusTag tip={tip} /> },
      { key: 'desc', label: t('tips.col.description'), children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{tip.description}</Typography.Text> },
      { key: 'address', label: t('tips.address'), children: tip.address || t('common.empty') },
      { key: 'location', label: t('tips.location'), children: tip.lat !== null ? `${tip.lat}, ${tip.lng}` : t('common.empty') },
      { key: 'contact', label: t('tips.contact'), children: tip.anonymous ? t('tips.anonymous') : [tip.contactName, tip.contactPhone].filter(Boolean).join(' ') },
      ...(tip.town ? [{ key: 'town', label: t('tips.col.town'), children: `${tip.town.name}${tip.dueOn ? ` · ${t('tips.dueOn', { date: formatDate(tip.dueOn) })}` : ''}${tip.assignNote ? ` · ${tip.assignNote}` : ''}` }] : []),
      ...(tip.publicAnswer ? [{ key: 'answer', label: t('tips.publicAnswer'), children: `${tip.publicAnswer}${tip.answeredBy ? `（${t('tips.answerBy', { who: tip.answeredBy })}）` : ''}` }] : []),
      ...(tip.internalNote ? [{ key: 'note', label: t('tips.internalNote'), children: tip.internalNote }] : []),
      ...(tip.enterprises.length > 0 ? [{ key: 'linked', label: t('tips.linked'), children: tip.enterprises.map((e) => <div key={e.id}><Link to={`/enterprises/${e.id}`}>{e.name}</Link></div>) }] : []),
    ]} />
  );
}

/** The tipster's photos and videos: thumbnails that open the file; where and when each was taken. */
function TipFiles({ id }: { id: number }) {
  const files = useTipFiles(id);
  const items = (files.data?.items ?? []).filter((a) => a.replacedBy === null);
  return (
    <div id="tip-files">
      <Typography.Text strong>{t('tips.files', { count: items.length })}</Typography.Text>
      {files.isSuccess && items.length === 0 && <Typography.Paragraph type="secondary">{t('tips.filesNone')}</Typography.Paragraph>}
      <Flex gap={8} wrap style={{ marginTop: 6 }}>
        {items.map((a) =>
          a.thumbnailUrl ? (
            <Image key={a.id} src={a.thumbnailUrl} alt={a.originalName} width={96} height={96} preview={{ src: a.fileUrl }} styles={{ image: { objectFit: 'cover' } }} />
          ) : (
            <a key={a.id} href={a.fileUrl} target="_blank" rel="noreferrer">
              {a.originalName}
            </a>
          ),
        )}
      </Flex>
    </div>
  );
}

function Nearby({ tip }: { tip: TipDto }) {
  return (
    <div id="tip-nearby">
      <Typography.Text strong>{t('tips.nearby')}</Typography.Text>
      {tip.nearby.length === 0 ? (
        <Typography.Paragraph type="secondary">{tip.lat === null ? t('common.empty') : t('tips.nearbyNone')}</Typography.Paragraph>
      ) : (
        tip.nearby.map((w) => (
          <Flex key={w.id} gap={8} wrap align="center" style={{ marginTop: 6 }}>
            <Link to={`/enterprises/${w.id}`}>{w.name}</Link>
            <StatusTag status={w.status as Status} />
            <Typography.Text type="secondary">{w.townName}</Typography.Text>
            {w.distanceM !== null && <Tag>{t('tips.metres', { m: w.distanceM })}</Tag>}
            {likelyComeback(w) && <Tag color="red">{t('tips.likelyComeback')}</Tag>}
          </Flex>
        ))
      )}
    </div>
  );
}

function ActionForm({ tip, mode, onDone }: { tip: TipDto; mode: Exclude<Mode, null>; onDone: () => void }) {
  const [form] = Form.useForm();
  const towns = usePublicTowns();
  const act = useTipAction(tip.id);
  const showError = useApiError();
  const { message } = App.useApp();
  const initial =
    mode === 'assign'
      ? { townId: tip.suggestedTown?.id, dueOn: pickerDate(addDays(todayInChina(), 7)) }
      : mode === 'answer'
        ? { verdict: 'confirmed', enterpriseIds: tip.nearby.filter((w) => w.distanceM !== null && w.distanceM <= SAME_SITE_RADIUS_M).map((w) => w.id) }
        : {};
  const submit = () => {
    const v = form.getFieldsValue(true);
    const done = (text: string) => ({
      onSuccess: () => {
        void message.success(text);
        onDone();
      },
      onError: (e: unknown) => showError(e, { form }),
    });
    if (mode === 'assign') {
      const body = validateWithSchema(form, tipAssignSchema, { version: tip.version, townId: v.townId, dueOn: pickerValue(v.dueOn), note: v.note ?? '' });
      if (body) act.mutate({ action: 'assign', body }, done(t('tips.assigned')));
    } else if (mode === 'answer') {
      const body = validateWithSchema(form, tipAnswerSchema, { version: tip.version, verdict: v.verdict, publicAnswer: v.publicAnswer ?? '', internalNote: v.internalNote ?? '', enterpriseIds: v.enterpriseIds ?? [] });
      if (body) act.mutate({ action: 'answer', body }, done(t('tips.answered')));
    } else {
      const body = validateWithSchema(form, tipDismissSchema, { version: tip.version, publicAnswer: v.publicAnswer ?? '' });
      if (body) act.mutate({ action: 'dismiss', body }, done(t('tips.dismissed')));
    }
  };
  return (
    <Form form={form} layout="vertical" name={`tip-${mode}`} initialValues={initial} style={{ marginTop: 16 }}>
      {mode === 'assign' && (
        <>
          {tip.suggestedTown && <Typography.Paragraph type="secondary">{t('tips.suggested', { town: tip.suggestedTown.name })}</Typography.Paragraph>}
          <Form.Item name="townId" label={t('tips.assignTown')} required>
            <Select id="tip-town" options={(towns.data?.towns ?? []).map((x) => ({ value: x.id, label: x.name }))} />
          </Form.Item>
          <Form.Item name="dueOn" label={t('tips.assignDue')} required>
            <DatePicker id="tip-due" inputReadOnly disabledDate={(d) => d.isBefore(pickerToday(), 'day')} />
          </Form.Item>
          <Form.Item name="note" label={t('tips.assignNote')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </>
      )}
      {mode === 'answer' && (
        <>
          <Form.Item name="verdict" label={t('tips.verdict')} required>
            <Radio.Group optionType="button" buttonStyle="solid" options={TIP_VERDICTS.map((v) => ({ value: v, label: t(`tips.verdict.${v}`) }))} />
          </Form.Item>
          {tip.nearby.length > 0 && (
            <Form.Item name="enterpriseIds" label={t('tips.linked')}>
              <Checkbox.Group options={tip.nearby.map((w) => ({ value: w.id, label: `${w.name}${w.distanceM !== null ? `（${t('tips.metres', { m: w.distanceM })}）` : ''}` }))} />
            </Form.Item>
          )}
          <Form.Item name="publicAnswer" label={t('tips.publicAnswer')} required>
            <Input.TextArea id="tip-public-answer" rows={3} maxLength={1000} showCount placeholder={t('tips.publicAnswerPlaceholder')} />
          </Form.Item>
          <Form.Item name="internalNote" label={t('tips.internalNote')}>
            <Input.TextArea id="tip-internal-note" rows={2} maxLength={2000} />
          </Form.Item>
        </>
      )}
      {mode === 'dismiss' && (
        <Form.Item name="publicAnswer" label={t('tips.dismissAnswer')} required>
          <Input.TextArea id="tip-public-answer" rows={3} maxLength={1000} showCount placeholder={t('tips.publicAnswerPlaceholder')} />
        </Form.Item>
      )}
      <Flex justify="end">
        <Button type="primary" danger={mode === 'dismiss'} onClick={submit} loading={act.isPending} id="tip-action-submit">
          {t(mode === 'assign' ? 'tips.assign' : mode === 'answer' ? 'tips.answer' : 'tips.dismiss')}
        </Button>
      </Flex>
    </Form>
  );
}

export function TipDialog({ id, onClose }: { id: number; onClose: () => void }) {
  const tip = useTip(id);
  const [mode, setMode] = useState<Mode>(null);
  return (
    <ResponsiveModal open title={tip.data ? t('tips.detailTitle', { date: formatDateTime(tip.data.submittedAt) }) : t('tips.title')} onCancel={onClose} footer={null} width={720}>
      <QueryState query={tip}>
        {(d) => (
          <Flex vertical gap={12}>
            <Facts tip={d} />
            <TipFiles id={d.id} />
            <Nearby tip={d} />
            <Radio.Group
              id="tip-actions"
              value={mode}
              onChange={(e) => setMode(e.target.value as Mode)}
              optionType="button"
              options={[
                ...(d.abilities.assign ? [{ value: 'assign', label: t('tips.assign') }] : []),
                ...(d.abilities.answer ? [{ value: 'answer', label: t('tips.answer') }] : []),
                ...(d.abilities.dismiss ? [{ value: 'dismiss', label: t('tips.dismiss') }] : []),
              ]}
            />
            {mode && <ActionForm key={`${mode}-${d.version}`} tip={d} mode={mode} onDone={() => setMode(null)} />}
          </Flex>
        )}
      </QueryState>
    </ResponsiveModal>
  );
}
