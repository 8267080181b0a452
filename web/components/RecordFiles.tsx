// A record's files (线索附件, 查处照片): photos, videos and, on a clue, PDF documents, with their hashes, the
// uploads under way and an upload button; one panel for every record that is not a workshop.
import { FileOutlined, FilePdfOutlined, PlayCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Image, Progress, Tag, Tooltip, Typography, theme } from 'antd';
import { useRef } from 'react';
import type { AttachmentDto, RecordAttachmentListDto } from '../../domain/attachment.js';
import { fileSize, formatDateTime, metaLine } from '../format.js';
import { t } from '../i18n/index.js';
import { guessKind, maxBytesFor, type RecordUploads, type RecordUploadTask } from '../uploads/recordUploads.js';

const THUMB = 56;

function KindTag({ a }: { a: AttachmentDto }) {
  return <Tag color={a.kind === 'document' ? 'purple' : a.kind === 'video' ? 'blue' : 'green'}>{t(`files.kind.${a.kind}`)}</Tag>;
}

/** The picture for a photo (its EXIF-free thumbnail, the original in the preview), else an icon that opens the file. */
function Preview({ a, border }: { a: AttachmentDto; border: string }) {
  if (a.thumbnailUrl) {
    return <Image src={a.thumbnailUrl} alt={a.caption || a.originalName} width={THUMB} height={THUMB} preview={{ src: a.fileUrl }} styles={{ image: { objectFit: 'cover' } }} />;
  }
  const Icon = a.kind === 'document' ? FilePdfOutlined : a.kind === 'video' ? PlayCircleOutlined : FileOutlined;
  return (
    <a
      href={a.fileUrl}
      target="_blank"
      rel="noreferrer"
      aria-label={t('files.open', { name: a.originalName })}
      style={{ display: 'flex', flexShrink: 0, width: THUMB, height: THUMB, alignItems: 'center', justifyContent: 'center', fontSize: 28, border: `1px solid ${border}`, borderRadius: 6 }}
    >
      <Icon />
    </a>
  );
}

function FileRow({ a }: { a: AttachmentDto }) {
  const { token } = theme.useToken();
  return (
    <Flex gap={12} align="flex-start" data-record-file={a.id} data-kind={a.kind} style={{ paddingBlock: 8, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
      <Preview a={a} border={token.colorBorderSecondary} />
      <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
        <Flex gap={6} align="center" wrap>
          <a href={a.fileUrl} target="_blank" rel="noreferrer" style={{ wordBreak: 'break-all' }}>
            {a.originalName}
          </a>
          <KindTag a={a} />
        </Flex>
        {a.caption && <Typography.Text>{a.caption}</Typography.Text>}
        <Typography.Text type="secondary" className="num">
          {metaLine(fileSize(a.size), t('files.uploadedBy', { name: a.uploadedBy, time: formatDateTime(a.uploadedAt) }))}
        </Typography.Text>
        <Typography.Text type="secondary" className="num">
          {t('files.sha256')}{' '}
          <Tooltip title={a.sha256}>
            <Typography.Text code copyable={{ text: a.sha256, tooltips: [t('files.copyHash'), t('files.copied')] }}>
              {a.sha256.slice(0, 12)}…
            </Typography.Text>
          </Tooltip>
        </Typography.Text>
      </Flex>
      <a href={a.fileUrl} download={a.originalName}>
        {t('files.download')}
      </a>
    </Flex>
  );
}

function UploadRow({ task, uploads, duplicate }: { task: RecordUploadTask; uploads: RecordUploads; duplicate: string }) {
  const percent = task.total > 0 ? Math.floor((task.sent / task.total) * 100) : 0;
  const status =
    task.status === 'failed'
      ? t('files.failed')
      : task.status === 'done'
        ? task.duplicate
          ? duplicate
          : t('files.done')
        : task.status === 'retrying'
          ? t('files.retrying', { percent })
          : task.status === 'waiting'
            ? t('files.waiting')
            : t('files.uploading', { percent });
  return (
    <Flex vertical gap={4} data-record-upload={task.status} style={{ paddingBlock: 6 }}>
      <Flex justify="space-between" gap={8}>
        <Typography.Text ellipsis style={{ minWidth: 0 }}>
          {task.request.file.name}
        </Typography.Text>
        <Typography.Text type={task.status === 'failed' ? 'danger' : 'secondary'} style={{ flexShrink: 0 }}>
          {status}
        </Typography.Text>
      </Flex>
      {task.status !== 'failed' && <Progress percent={task.status === 'done' ? 100 : percent} size="small" status={task.status === 'done' ? 'success' : 'active'} showInfo={false} />}
      {task.status === 'failed' && (
        <Alert
          type="error"
          showIcon
          title={task.error}
          action={
            <Flex gap={4}>
              {task.retryable && (
                <Button size="small" onClick={() => uploads.retry(task.id)}>
                  {t('files.retry')}
                </Button>
              )}
              <Button size="small" type="text" onClick={() => uploads.remove(task.id)}>
                {t('files.remove')}
              </Button>
            </Flex>
          }
        />
      )}
    </Flex>
  );
}

/** What differs between the records that keep files this way (clues, interceptions). */
export interface RecordFilesProps {
  recordId: number;
  data: RecordAttachmentListDto;
  uploads: RecordUploads;
  /** What the file picker offers (the server judges the real type from the bytes). */
  accept: string;
  /** The file picker may open the camera (a phone on the road). */
  capture?: boolean;
  /** Element ids: the panel and its upload button. */
  ids: { panel: string; upload: string };
  text: { title: string; hint: string; frozen: string; upload: string; empty: string; duplicate: string };
}

/** A record's files with their hashes, the uploads under way and (when the reader may) an upload button. */
export function RecordFiles({ recordId, data, uploads, accept, capture, ids, text }: RecordFilesProps) {
  const input = useRef<HTMLInputElement>(null);
  const tasks = uploads.useUploads(recordId);
  const { limits } = data;
  const pick = (files: File[]) => {
    const accepted: File[] = [];
    for (const file of files) {
      const kind = guessKind(file);
      const max = maxBytesFor(kind, limits);
      if (file.size > max) uploads.refuse(recordId, file, t('files.tooLarge', { name: file.name, size: fileSize(file.size), kind: t(`files.kind.${kind}`), max: fileSize(max) }));
      else accepted.push(file);
    }
    if (accepted.length > 0) uploads.enqueue(recordId, accepted);
  };
  return (
    <Flex vertical gap={4} id={ids.panel}>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong>{text.title}</Typography.Text>
        {data.abilities.upload && (
          <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} id={ids.upload}>
            {text.upload}
          </Button>
        )}
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept={accept}
          {...(capture ? { capture: 'environment' as const } : {})}
          aria-label={text.upload}
          onChange={(e) => {
            pick(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
      </Flex>
      <Typography.Text type="secondary">{data.abilities.upload ? text.hint : text.frozen}</Typography.Text>
      {tasks.map((task) => (
        <UploadRow key={task.id} task={task} uploads={uploads} duplicate={text.duplicate} />
      ))}
      {data.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text.empty} /> : data.items.map((a) => <FileRow key={a.id} a={a} />)}
    </Flex>
  );
}
