// 运输车辆查处: the weekly counts by destination town (where raw material still flows), the
// interceptions newest first, and 记录查处 for the recording departments and the office.
import { CameraOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Form, Input, Radio, Select } from 'antd';
import { useState } from 'react';
import { CARGO_KINDS, interceptionCreateSchema, type InterceptionDto, type WeeklyInterceptionsDto } from '../../../domain/interceptions.js';
import { useTowns } from '../../api/hooks.js';
import { useInterceptionFiles, useInterceptions, useRecordInterception, useWeeklyInterceptions } from '../../api/interceptions.js';
import { DataTable, type DataColumn } from '../../components/DataTable.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryState } from '../../components/QueryState.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { useApiError } from '../../components/useApiError.js';
import { fileSize, formatDate, formatMonthDay, metaLine, pickerToday, pickerValue } from '../../format.js';
import { RecordFiles } from '../../components/RecordFiles.js';
import { INTERCEPTION_FILE_ACCEPT, interceptionUploads } from '../../uploads/interceptionUploads.js';
import { validateWithSchema } from '../../forms/zodRules.js';
import { t } from '../../i18n/index.js';
// The shutdown stage's page strings, registered when this module loads.
import '../../i18n/stage2.js';
import { PagedList } from '../../components/PagedList.js';
import { label } from '../../i18n/labels.js';

const PAGE_SIZE = 20;
const WEEKS = 6;

type WeekRow = WeeklyInterceptionsDto['rows'][number];

function Weekly({ data }: { data: WeeklyInterceptionsDto }) {
  const columns: DataColumn<WeekRow>[] = [
    { key: 'town', card: 'title', title: t('ix.destinationTown'), render: (_, r) => r.townName },
    ...data.weeks.map((w, k) => ({ key: w, title: t('ix.weekOf', { date: formatMonthDay(w) }), align: 'right' as const, render: (_: unknown, r: WeekRow) => <span className="num">{r.counts[k]}</span> })),
    { key: 'total', title: t('ix.total'), align: 'right', render: (_, r) => <strong className="num">{r.total}</strong> },
  ];
  return <DataTable<WeekRow> id="ix-weekly" rowKey={(r) => String(r.townId)} size="small" columns={columns} dataSource={data.rows} pagination={false} locale={{ emptyText: t('ix.empty') }} />;
}

export default function InterceptionsPage() {
  const [page, setPage] = useState(1);
  const [recording, setRecording] = useState(false);
  const [photos, setPhotos] = useState<InterceptionDto | null>(null);
  const list = useInterceptions(page, PAGE_SIZE);
  const weekly = useWeeklyInterceptions(WEEKS);
  const columns: DataColumn<InterceptionDto>[] = [
    { key: 'plate', card: 'title', title: t('ix.plate'), render: (_, x) => metaLine(x.plate, x.vehicleType) },
    { key: 'date', title: t('ix.interceptedOn'), render: (_, x) => formatDate(x.interceptedOn) },
    { key: 'cargo', title: t('ix.cargo'), wrap: 160, render: (_, x) => metaLine(x.cargo === 'other' ? x.cargoNote : label.cargo(x.cargo), x.quantity) },
    { key: 'route', title: t('ix.destination'), wrap: 220, render: (_, x) => metaLine(x.origin && `${x.origin} →`, x.destinationTown?.name, x.destinationEnterprise?.name, x.destinationPlace) },
    { key: 'action', title: t('ix.action'), wrap: 220, render: (_, x) => x.action },
    { key: 'unit', title: t('ix.unit'), render: (_, x) => x.recordedUnit },
  ];
  return (
    <>
      <PageHeader
        title={t('ix.title')}
        subtitle={t('ix.hint')}
        extra={
          list.data?.canRecord && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)} id="ix-new">
              {t('ix.new')}
            </Button>
          )
        }
      />
      <Card className="section-card table-card" size="small" title={t('ix.weekly')}>
        <QueryState query={weekly}>{(d) => <Weekly data={d} />}</QueryState>
      </Card>
      <PagedList<InterceptionDto>
        id="ix-list"
        rowKey="id"
        columns={columns}
        query={list}
        page={page}
        pageSize={PAGE_SIZE}
        onPage={setPage}
        empty={t('ix.empty')}
        actions={{
          render: (x) => (
            <Button size="small" icon={<CameraOutlined />} onClick={() => setPhotos(x)} id={`ix-photos-${x.id}`}>
              {t('ix.photos', { count: x.fileCount })}
            </Button>
          ),
        }}
      />
      {recording && (
        <RecordDialog
          onClose={() => setRecording(false)}
          onRecorded={(x) => {
            setRecording(false);
            setPhotos(x);
          }}
        />
      )}
      {photos && <PhotosDialog interception={photos} onClose={() => setPhotos(null)} />}
    </>
  );
}

/** 查处照片: the stopped truck's photos and videos; the recorders add them, on a phone straight from the camera. */
function PhotosDialog({ interception: x, onClose }: { interception: InterceptionDto; onClose: () => void }) {
  const files = useInterceptionFiles(x.id);
  return (
    <ResponsiveModal open title={t('ix.photosTitle', { plate: x.plate })} onCancel={onClose} footer={null} width={640}>
      <QueryState query={files} rows={2}>
        {(data) => (
          <RecordFiles
            recordId={x.id}
            data={data}
            uploads={interceptionUploads}
            accept={INTERCEPTION_FILE_ACCEPT}
            capture
            ids={{ panel: 'ix-files', upload: 'ix-upload' }}
            text={{
              title: t('ix.photos', { count: data.total }),
              hint: t('ix.photosHint', { photoMax: fileSize(data.limits.photoMaxBytes), videoMax: fileSize(data.limits.videoMaxBytes) }),
              frozen: t('ix.photosReadOnly'),
              upload: t('ix.photosUpload'),
              empty: t('ix.photosEmpty'),
              duplicate: t('ix.photosDuplicate'),
            }}
          />
        )}
      </QueryState>
    </ResponsiveModal>
  );
}

function RecordDialog({ onClose, onRecorded }: { onClose: () => void; onRecorded: (x: InterceptionDto) => void }) {
  const [form] = Form.useForm();
  const towns = useTowns();
  const record = useRecordInterception();
  const showError = useApiError();
  const { message } = App.useApp();
  const cargo = Form.useWatch('cargo', form) as string | undefined;
  const submit = () => {
    const v = form.getFieldsValue();
    const values = {
      interceptedOn: pickerValue(v.interceptedOn),
      plate: v.plate ?? '',
      vehicleType: v.vehicleType ?? '',
      cargo: v.cargo,
      cargoNote: v.cargoNote ?? '',
      quantity: v.quantity ?? '',
      origin: v.origin ?? '',
      destinationTownId: v.destinationTownId ?? null,
      destinationPlace: v.destinationPlace ?? '',
      action: v.action ?? '',
    };
    const data = validateWithSchema(form, interceptionCreateSchema, values);
    if (!data) return;
    record.mutate(data, {
      onSuccess: (x) => {
        void message.success(t('ix.savedAddPhotos'));
        onRecorded(x);
      },
      onError: (e) => showError(e, { form }),
    });
  };
  return (
    <ResponsiveModal open title={t('ix.new')} onCancel={onClose} onOk={submit} okText={t('ix.submit')} okButtonProps={{ loading: record.isPending, id: 'ix-submit' }} width={640}>
      <Form form={form} layout="vertical" name="ix" initialValues={{ interceptedOn: pickerToday(), cargo: 'plastic' }}>
        <Flex gap={12} wrap>
          <Form.Item name="interceptedOn" label={t('ix.interceptedOn')} required style={{ flex: 1, minWidth: 160 }}>
            <DatePicker inputReadOnly disabledDate={(d) => d.isAfter(pickerToday(), 'day')} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="plate" label={t('ix.plate')} required style={{ flex: 1, minWidth: 160 }}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item name="vehicleType" label={t('ix.vehicleType')} style={{ flex: 1, minWidth: 160 }}>
            <Input maxLength={30} />
          </Form.Item>
        </Flex>
        <Form.Item name="cargo" label={t('ix.cargo')} required>
          <Radio.Group optionType="button" options={CARGO_KINDS.map((c) => ({ value: c, label: label.cargo(c) }))} />
        </Form.Item>
        {cargo === 'other' && (
          <Form.Item name="cargoNote" label={t('ix.cargoNote')} required>
            <Input maxLength={100} />
          </Form.Item>
        )}
        <Flex gap={12} wrap>
          <Form.Item name="quantity" label={t('ix.quantity')} style={{ flex: 1, minWidth: 160 }}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="origin" label={t('ix.origin')} style={{ flex: 1, minWidth: 160 }}>
            <Input maxLength={100} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="destinationTownId" label={t('ix.destinationTown')} style={{ flex: 1, minWidth: 160 }}>
            <Select id="ix-town" allowClear options={(towns.data ?? []).filter((u) => u.kind === 'town').map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
          <Form.Item name="destinationPlace" label={t('ix.destinationPlace')} style={{ flex: 1, minWidth: 160 }}>
            <Input maxLength={100} />
          </Form.Item>
        </Flex>
        <Form.Item name="action" label={t('ix.action')} required>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </ResponsiveModal>
  );
}
