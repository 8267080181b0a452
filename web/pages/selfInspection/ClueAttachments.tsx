import { FileOutlined, FilePdfOutlined, PlayCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Image, Progress, Tag, Tooltip, Typography, theme } from 'antd';
import { useRef } from 'react';
import type { AttachmentDto, ClueAttachmentListDto } from '../../../domain/attachment.js';
import { useClueAttachments } from '../../api/selfInspection.js';
import { QueryState } from '../../components/QueryState.js';
import { formatDateTime, metaLine } from '../../format.js';
import { t } from '../../i18n/index.js';
import { fileSize } from '../enterprises/detail/EvidenceTile.js';
import {
  CLUE_FILE_ACCEPT,
  enqueueClueFiles,
  guessKind,
  maxBytesFor,
  refuseClueFile,
  removeClueFile,
  retryClueFile,
  useClueUploads,
  type ClueUploadTask,
} from '../../uploads/clueUploads.js';

const THUMB = 56;

function KindTag({ a }: { a: AttachmentDto }) {
  return <Tag color={a.kind === 'document' ? 'purple' : a.kind === 'video' ? 'blue' : 'green'}>{t(`si.clueFile.kind.${a.kind}`)}</Tag>;
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
      aria-label={t('si.clueFile.open', { name: a.originalName })}
      style={{ display: 'flex', flexShrink: 0, width: THUMB, height: THUMB, alignItems: 'center', justifyContent: 'center', fontSize: 28, border: `1px solid ${border}`, borderRadius: 6 }}
    >
      <Icon />
    </a>
  );
}

function FileRow({ a }: { a: AttachmentDto }) {
  const { token } = theme.useToken();
  return (
    <Flex gap={12} align="flex-start" data-clue-attachment={a.id} data-kind={a.kind} style={{ paddingBlock: 8, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
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
          {metaLine(fileSize(a.size), t('si.clueFile.uploadedBy', { name: a.uploadedBy, time: formatDateTime(a.uploadedAt) }))}
        </Typography.Text>
        <Typography.Text type="secondary" className="num">
          {t('si.clueFile.sha256')}{' '}
          <Tooltip title={a.sha256}>
            <Typography.Text code copyable={{ text: a.sha256, tooltips: [t('si.clueFile.copyHash'), t('si.clueFile.copied')] }}>
              {a.sha256.slice(0, 12)}…
            </Typography.Text>
          </Tooltip>
        </Typography.Text>
      </Flex>
      <a href={a.fileUrl} download={a.originalName}>
        {t('si.clueFile.download')}
      </a>
    </Flex>
  );
}

function UploadRow({ task }: { task: ClueUploadTask }) {
  const percent = task.total > 0 ? Math.floor((task.sent / task.total) * 100) : 0;
  const status =
    task.status === 'failed'
      ? t('si.clueFile.failed')
      : task.status === 'done'
        ? task.duplicate
          ? t('si.clueFile.duplicate')
          : t('si.clueFile.done')
        : task.status === 'retrying'
          ? t('si.clueFile.retrying', { percent })
          : task.status === 'waiting'
            ? t('si.clueFile.waiting')
            : t('si.clueFile.uploading', { percent });
  return (
    <Flex vertical gap={4} data-clue-upload={task.status} style={{ paddingBlock: 6 }}>
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
                <Button size="small" onClick={() => retryClueFile(task.id)}>
                  {t('si.clueFile.retry')}
                </Button>
              )}
              <Button size="small" type="text" onClick={() => removeClueFile(task.id)}>
                {t('si.clueFile.remove')}
              </Button>
            </Flex>
          }
        />
      )}
    </Flex>
  );
}

function Files({ clueId, data }: { clueId: number; data: ClueAttachmentListDto }) {
  const input = useRef<HTMLInputElement>(null);
  const tasks = useClueUploads(clueId);
  const { limits } = data;
  const pick = (files: File[]) => {
    const accepted: File[] = [];
    for (const file of files) {
      const kind = guessKind(file);
      const max = maxBytesFor(kind, limits);
      if (file.size > max) refuseClueFile(clueId, file, t('si.clueFile.tooLarge', { name: file.name, size: fileSize(file.size), kind: t(`si.clueFile.kind.${kind}`), max: fileSize(max) }));
      else accepted.push(file);
    }
    if (accepted.length > 0) enqueueClueFiles(clueId, accepted);
  };
  return (
    <Flex vertical gap={4} id="si-clue-files">
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Text strong>{t('si.clueFile.title', { count: data.total })}</Typography.Text>
        {data.abilities.upload && (
          <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} id="si-clue-upload">
            {t('si.clueFile.upload')}
          </Button>
        )}
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept={CLUE_FILE_ACCEPT}
          aria-label={t('si.clueFile.upload')}
          onChange={(e) => {
            pick(Array.from(e.target.files ?? []));
            e.target.value = '';
          }}
        />
      </Flex>
      <Typography.Text type="secondary">
        {data.abilities.upload
          ? t('si.clueFile.hint', { photoMax: fileSize(limits.photoMaxBytes), videoMax: fileSize(limits.videoMaxBytes) })
          : t('si.clueFile.frozen')}
      </Typography.Text>
      {tasks.map((task) => (
        <UploadRow key={task.id} task={task} />
      ))}
      {data.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('si.clueFile.empty')} /> : data.items.map((a) => <FileRow key={a.id} a={a} />)}
    </Flex>
  );
}

/** 线索附件: the clue's files with their hashes, and (while the clue is open) an upload button. */
export function ClueAttachments({ clueId }: { clueId: number }) {
  const query = useClueAttachments(clueId);
  return <QueryState query={query} rows={2}>{(data) => <Files clueId={clueId} data={data} />}</QueryState>;
}
