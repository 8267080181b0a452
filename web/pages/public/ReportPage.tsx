// 群众举报 — the public page, no login, phone first: what was seen, where (the phone's position or a
// description), which town if known, anonymous or with a contact; a fee complaint goes to discipline.
// The proof of work (instead of a captcha) is solved while the person types. The answer is a receipt
// code, kept on this phone too, with which anyone follows the tip's progress and reads the answer.
import { CameraOutlined, CheckCircleOutlined, CopyOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Radio, Switch, Tag, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { TipChallengeDto, TipPublicStatusDto } from '../../../domain/tips.js';
import { formatReceipt, normaliseReceipt, RECEIPT_PATTERN, tipSubmitSchema, TIP_KINDS } from '../../../domain/tips.js';
import { ApiError } from '../../api/client.js';
import { fetchChallenge, sendTipFile, solveChallenge, usePublicMap, usePublicTowns, useSubmitTip, useTipStatus } from '../../api/tips.js';
import { useApiError } from '../../components/useApiError.js';
import { formatDate, stillAhead } from '../../format.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
import '../../i18n/stage4.js';

// Leaflet comes only when a tipster opens the map.
const PlacePicker = lazy(() => import('./PlacePicker.js'));

const RECEIPTS_KEY = 'qudi-receipts';

function savedReceipts(): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(RECEIPTS_KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && RECEIPT_PATTERN.test(x)) : [];
  } catch {
    return [];
  }
}

function keepReceipt(code: string): void {
  try {
    localStorage.setItem(RECEIPTS_KEY, JSON.stringify([code, ...savedReceipts().filter((c) => c !== code)].slice(0, 20)));
  } catch {
    // Private browsing: the code was shown; nothing else to do.
  }
}

interface Proof {
  challenge: TipChallengeDto;
  nonce: string;
}

/** A solved challenge, prepared in the background; a fresh one once used or close to its expiry. */
function useProof() {
  const proof = useRef<Promise<Proof> | null>(null);
  const prepare = useCallback(() => {
    const p = fetchChallenge().then(async (challenge) => ({ challenge, nonce: await solveChallenge(challenge) }));
    p.catch(() => undefined);
    proof.current = p;
  }, []);
  useEffect(prepare, [prepare]);
  const take = useCallback(async (): Promise<Proof> => {
    let p = await (proof.current ?? Promise.reject(new Error('none'))).catch(() => null);
    if (!p || !stillAhead(p.challenge.expiresAt, 60_000)) {
      prepare();
      p = await proof.current!;
    }
    proof.current = null;
    return p;
  }, [prepare]);
  return { take, prepare };
}

const MAX_FILES = 6;

function ReportForm({ onDone }: { onDone: (receipt: string, sent: { files: number; failed: number }) => void }) {
  const [files, setFiles] = useState<File[]>([]);
  const [sending, setSending] = useState<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  const [form] = Form.useForm();
  const towns = usePublicTowns();
  const submit = useSubmitTip();
  const showError = useApiError();
  const { take, prepare } = useProof();
  const [preparing, setPreparing] = useState(false);
  const [where, setWhere] = useState<{ lat: number; lng: number; from: 'phone' | 'map' } | null>(null);
  const [locating, setLocating] = useState(false);
  const [picking, setPicking] = useState(false);
  const [mapFailed, setMapFailed] = useState(false);
  const publicMap = usePublicMap();
  const { message } = App.useApp();
  const kind = Form.useWatch('kind', form) as (typeof TIP_KINDS)[number] | undefined;
  const anonymous = Form.useWatch('anonymous', form) as boolean | undefined;

  const locate = () => {
    if (!navigator.geolocation) return void message.warning(t('report.locateFailed'));
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(false);
        setWhere({ lat: Math.round(p.coords.latitude * 1e6) / 1e6, lng: Math.round(p.coords.longitude * 1e6) / 1e6, from: 'phone' });
      },
      () => {
        setLocating(false);
        void message.warning(t('report.locateFailed'));
      },
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const onSubmit = async () => {
    const v = form.getFieldsValue(true);
    const fields = {
      kind: v.kind,
      description: v.description ?? '',
      address: v.address ?? '',
      lat: where?.lat ?? null,
      lng: where?.lng ?? null,
      townId: v.townId ?? null,
      anonymous: v.anonymous !== false,
      contactName: v.contactName ?? '',
      contactPhone: v.contactPhone ?? '',
    };
    // The fields first (with a stand-in proof), so that mistakes show before any work is done.
    if (!validateWithSchema(form, tipSubmitSchema, { ...fields, challenge: '0'.repeat(32), nonce: '0' })) return;
    setPreparing(true);
    let proof: Proof;
    try {
      proof = await take();
    } catch (e) {
      setPreparing(false);
      return showError(e);
    }
    setPreparing(false);
    submit.mutate(
      { ...fields, challenge: proof.challenge.challenge, nonce: proof.nonce },
      {
        onSuccess: async (r) => {
          keepReceipt(r.receipt);
          // The photos follow the tip, one at a time (a weak link carries one file better than six).
          let failed = 0;
          for (const [i, f] of files.entries()) {
            setSending(t('report.sendingFile', { n: i + 1, total: files.length }));
            await sendTipFile(r.receipt, f, where).catch(() => failed++);
          }
          setSending(null);
          onDone(r.receipt, { files: files.length - failed, failed });
        },
        onError: (e) => {
          prepare();
          showError(e, { form });
        },
      },
    );
  };

  return (
    <Form form={form} layout="vertical" name="report" initialValues={{ kind: 'workshop', anonymous: true }} requiredMark={false}>
      <Form.Item name="kind" label={t('report.kind')}>
        <Radio.Group optionType="button" buttonStyle="solid" options={TIP_KINDS.map((k) => ({ value: k, label: t(`report.kind.${k}`) }))} />
      </Form.Item>
      {kind === 'fee' && <Alert type="info" showIcon title={t('report.kindFeeHint')} style={{ marginBottom: 16 }} />}
      <Form.Item name="description" label={t('report.description')}>
        <Input.TextArea id="report-description" rows={4} maxLength={2000} showCount placeholder={t('report.descriptionPlaceholder')} />
      </Form.Item>
      <Form.Item label={t('report.place')} name="address">
        <Input id="report-address" maxLength={200} placeholder={t('report.addressPlaceholder')} />
      </Form.Item>
      <Flex gap={8} align="center" wrap style={{ marginTop: -12, marginBottom: 16 }}>
        <Button icon={<EnvironmentOutlined />} onClick={locate} loading={locating} id="report-locate">
          {t('report.locate')}
        </Button>
        {publicMap.data?.tiles && !picking && !mapFailed && (
          <Button onClick={() => setPicking(true)} id="report-pick">
            {t('report.pickOnMap')}
          </Button>
        )}
        {where && (
          <Typography.Text type="success" id="report-located">
            {t(where.from === 'map' ? 'report.picked' : 'report.located', { lat: where.lat, lng: where.lng })}
          </Typography.Text>
        )}
      </Flex>
      {picking && publicMap.data && (
        <Flex vertical gap={8} style={{ marginBottom: 16 }} id="report-picker">
          <Typography.Text type="secondary">{t('report.pickHint')}</Typography.Text>
          <Suspense fallback={<Typography.Paragraph type="secondary">{t('report.mapLoading')}</Typography.Paragraph>}>
            <PlacePicker
              map={publicMap.data}
              value={where}
              onPick={(p) => setWhere({ ...p, from: 'map' })}
              onTilesFailed={() => {
                // No route to the tile server from here (a village without internet, a blocked host): say so and fall back to words.
                setPicking(false);
                setMapFailed(true);
                void message.warning(t('report.mapFailed'));
              }}
            />
          </Suspense>
          <Flex gap={8} justify="flex-end">
            {where && (
              <Button onClick={() => setWhere(null)} id="report-pick-clear">
                {t('report.pickClear')}
              </Button>
            )}
            <Button type="primary" onClick={() => setPicking(false)} id="report-pick-done">
              {t('report.pickDone')}
            </Button>
          </Flex>
        </Flex>
      )}
      {/* The phone's own picker (and no antd Select on this page: it would split the chunks the signed-in pages share). */}
      <Form.Item label={t('report.photos')} extra={t('report.photosHint', { max: MAX_FILES })}>
        <input
          ref={picker}
          type="file"
          accept="image/*,video/*"
          multiple
          hidden
          id="report-files"
          onChange={(e) => {
            setFiles((old) => [...old, ...Array.from(e.target.files ?? [])].slice(0, MAX_FILES));
            e.target.value = '';
          }}
        />
        <Flex vertical gap={6}>
          <Button icon={<CameraOutlined />} onClick={() => picker.current?.click()} disabled={files.length >= MAX_FILES} id="report-add-file">
            {t('report.addPhoto')}
          </Button>
          {files.map((f, i) => (
            <Flex key={`${f.name}-${i}`} justify="space-between" align="center" className="report-file">
              <Typography.Text ellipsis style={{ maxWidth: '75%' }}>
                {f.name}
              </Typography.Text>
              <Button size="small" type="link" onClick={() => setFiles((old) => old.filter((_, j) => j !== i))}>
                {t('report.removePhoto')}
              </Button>
            </Flex>
          ))}
        </Flex>
      </Form.Item>
      <Form.Item name="townId" label={t('report.town')} getValueFromEvent={(e: { target: { value: string } }) => (e.target.value ? Number(e.target.value) : null)}>
        <select id="report-town" className="report-select">
          <option value="">{t('report.townPlaceholder')}</option>
          {(towns.data?.towns ?? []).map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </Form.Item>
      <Form.Item name="anonymous" label={t('report.anonymous')} valuePropName="checked" extra={t('report.anonymousHint')}>
        <Switch id="report-anonymous" />
      </Form.Item>
      {anonymous === false && (
        <>
          <Form.Item name="contactName" label={t('report.contactName')}>
            <Input maxLength={50} autoComplete="name" />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('report.contactPhone')}>
            <Input maxLength={40} inputMode="tel" autoComplete="tel" />
          </Form.Item>
        </>
      )}
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('report.privacy')}
      </Typography.Paragraph>
      <Button type="primary" size="large" block onClick={() => void onSubmit()} loading={preparing || submit.isPending || sending !== null} id="report-submit">
        {sending ?? (preparing ? t('report.preparing') : t('report.submit'))}
      </Button>
    </Form>
  );
}

const STATUS_COLOURS: Record<TipPublicStatusDto['status'], string> = { received: 'blue', assigned: 'gold', answered: 'green', dismissed: 'default', forwarded: 'purple' };

function StatusView({ initial }: { initial: string | null }) {
  const [typed, setTyped] = useState(initial ? formatReceipt(initial) : '');
  const [asked, setAsked] = useState<string | null>(initial);
  const status = useTipStatus(asked);
  const mine = savedReceipts();
  const ask = (code: string) => {
    const c = normaliseReceipt(code);
    setTyped(formatReceipt(c));
    setAsked(c);
  };
  const error = status.error instanceof ApiError ? status.error.detail : status.error ? t('error.unexpected') : null;
  return (
    <Flex vertical gap={16}>
      <Input.Search id="report-receipt" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={t('report.receiptInput')} enterButton={t('report.query')} size="large" onSearch={ask} maxLength={20} />
      {error && <Alert type="error" showIcon title={error} />}
      {status.data && (
        <div className="report-status" id="report-status" data-status={status.data.status}>
          <Tag color={STATUS_COLOURS[status.data.status]} style={{ fontSize: 16, padding: '4px 12px' }}>
            {t(`report.status.${status.data.status}`)}
          </Tag>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {t('report.submittedOn', { date: formatDate(status.data.submittedOn) })}
            {status.data.answeredOn && ` · ${t('report.answeredOn', { date: formatDate(status.data.answeredOn) })}`}
          </Typography.Paragraph>
          {status.data.answer && (
            <Alert type={status.data.status === 'answered' ? 'success' : 'warning'} title={t('report.answer')} description={status.data.answer} id="report-answer" />
          )}
        </div>
      )}
      {mine.length > 0 && (
        <div>
          <Typography.Text type="secondary">{t('report.mine')}</Typography.Text>
          <Flex gap={8} wrap style={{ marginTop: 8 }}>
            {mine.map((c) => (
              <Button key={c} size="small" onClick={() => ask(c)} className="num">
                {formatReceipt(c)}
              </Button>
            ))}
          </Flex>
        </div>
      )}
    </Flex>
  );
}

export default function ReportPage() {
  const [params, setParams] = useSearchParams();
  const code = params.get('code');
  const [receipt, setReceipt] = useState<string | null>(null);
  const [sent, setSent] = useState<{ files: number; failed: number }>({ files: 0, failed: 0 });
  const { message } = App.useApp();
  const tab = code !== null || params.get('tab') === 'status' ? 'status' : 'new';
  useEffect(() => {
    document.title = t('report.title');
  }, []);
  const copy = () => void navigator.clipboard?.writeText(formatReceipt(receipt!)).then(() => message.success(t('report.copied')));
  return (
    <div className="report-page">
      <div className="report-card">
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('report.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('report.intro')}</Typography.Paragraph>
        {/* Two views as buttons, not antd Tabs: Tabs here would split the chunk the signed-in pages share. */}
        <Radio.Group
          id="report-view"
          block
          optionType="button"
          buttonStyle="solid"
          value={tab}
          onChange={(e) => setParams(e.target.value === 'status' ? { tab: 'status' } : {}, { replace: true })}
          options={[
            { value: 'new', label: t('report.tab.new') },
            { value: 'status', label: t('report.tab.status') },
          ]}
          style={{ marginBottom: 20 }}
        />
        {tab === 'status' ? (
          <StatusView key={code ?? ''} initial={code && RECEIPT_PATTERN.test(normaliseReceipt(code)) ? normaliseReceipt(code) : null} />
        ) : receipt ? (
          // Plain markup rather than antd Result (whose icons would split the chunks the signed-in pages share).
          <Flex vertical gap={12} align="center" className="report-done">
            <CheckCircleOutlined style={{ fontSize: 48, color: '#52c41a' }} />
            <Typography.Title level={4} style={{ margin: 0 }}>
              {t('report.received')}
            </Typography.Title>
            <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
              {t('report.receiptHint')}
            </Typography.Text>
            {sent.files > 0 && <Typography.Text id="report-files-sent">{t('report.filesSent', { count: sent.files })}</Typography.Text>}
            {sent.failed > 0 && <Typography.Text type="warning">{t('report.filesFailed', { count: sent.failed })}</Typography.Text>}
            <Typography.Text className="report-receipt num" id="report-receipt-code">
              {formatReceipt(receipt)}
            </Typography.Text>
            <Flex gap={8} wrap justify="center">
              <Button icon={<CopyOutlined />} onClick={copy}>
                {t('report.copy')}
              </Button>
              <Button type="primary" onClick={() => setParams({ code: receipt }, { replace: true })} id="report-check">
                {t('report.check')}
              </Button>
              <Button onClick={() => setReceipt(null)}>{t('report.another')}</Button>
            </Flex>
          </Flex>
        ) : (
          <ReportForm
            onDone={(code, result) => {
              setSent(result);
              setReceipt(code);
            }}
          />
        )}
      </div>
    </div>
  );
}
