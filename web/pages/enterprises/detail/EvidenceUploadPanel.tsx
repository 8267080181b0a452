import { CloseOutlined, CloudUploadOutlined, EnvironmentOutlined, LoadingOutlined, RedoOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { fileSize } from '../../../format.js';
import { Alert, Button, Flex, Input, Progress, Radio, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { PreviousUpload } from 'tus-js-client';
import { t } from '../../../i18n/index.js';
import { useIsPhone } from '../../../components/useIsPhone.js';
import { CAPTION_MAX, phaseOptions } from './EvidenceEditModal.js';
import type { AttachmentDto, EvidencePhase } from '../../../api/evidence.js';
import type { PositionResult } from '../../../uploads/devicePosition.js';
import { forgetUnfinished, remove, retry, unfinishedTarget, unfinishedUploads, type EvidenceUploadTask } from '../../../uploads/evidenceUploads.js';

export interface Staged {
  files: File[];
  captions: string[];
  phase: EvidencePhase;
  /** The file these replace (a single file then). */
  replaces: AttachmentDto | null;
  /** The device position; undefined while the browser is still asked. */
  position: PositionResult | undefined;
}

function FilePreview({ file }: { file: File }) {
  const url = useMemo(() => (file.type.startsWith('image/') ? URL.createObjectURL(file) : null), [file]);
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  if (url) return <img src={url} alt="" className="evidence-stage-thumb" />;
  return (
    <span className="evidence-stage-thumb evidence-stage-icon">
      <VideoCameraOutlined />
    </span>
  );
}

function PositionNote({ position }: { position: PositionResult | undefined }) {
  if (!position)
    return (
      <Typography.Text type="secondary" className="evidence-position">
        <LoadingOutlined /> {t('evidence.stage.locating')}
      </Typography.Text>
    );
  if (position.ok)
    return (
      <Typography.Text type="secondary" className="evidence-position" data-position="device">
        <EnvironmentOutlined /> {t('evidence.stage.located', { accuracy: position.position.accuracy })}
      </Typography.Text>
    );
  return (
    <Typography.Text type="secondary" className="evidence-position" data-position="none">
      <EnvironmentOutlined /> {t('evidence.stage.noPosition', { reason: position.reason })}
    </Typography.Text>
  );
}

interface StageProps {
  staged: Staged;
  starting: boolean;
  onChange: (next: Staged) => void;
  onStart: () => void;
  onCancel: () => void;
}

/** The files just picked, before they go: 取缔前/取缔后 for all of them, a caption each. */
export function StagePanel({ staged, starting, onChange, onStart, onCancel }: StageProps) {
  const isPhone = useIsPhone();
  const title = staged.replaces ? t('evidence.stage.replaceTitle', { name: staged.replaces.originalName }) : t('evidence.stage.title', { count: staged.files.length });
  return (
    <div className="evidence-stage">
      <Typography.Text strong>{title}</Typography.Text>
      {staged.replaces && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {t('evidence.stage.replaceHint')}
        </Typography.Text>
      )}
      <div className="evidence-stage-row">
        <span className="evidence-stage-label">{t('evidence.stage.phase')}</span>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          size="small"
          options={phaseOptions()}
          value={staged.phase}
          onChange={(e) => onChange({ ...staged, phase: e.target.value as EvidencePhase })}
          className="evidence-stage-phase"
        />
      </div>
      {staged.files.map((file, i) => (
        <div className="evidence-stage-file" key={`${file.name}-${i}`}>
          <FilePreview file={file} />
          <div className="evidence-stage-fields">
            <Typography.Text ellipsis className="evidence-stage-name">
              {file.name} <span className="muted">· {fileSize(file.size)}</span>
            </Typography.Text>
            <Input
              size="small"
              maxLength={CAPTION_MAX}
              placeholder={t('evidence.stage.caption')}
              value={staged.captions[i]}
              onChange={(e) => onChange({ ...staged, captions: staged.captions.map((c, j) => (j === i ? e.target.value : c)) })}
              className="evidence-stage-caption"
            />
          </div>
        </div>
      ))}
      <PositionNote position={staged.position} />
      <Flex gap={8} justify="flex-end" vertical={isPhone} style={{ marginTop: 8 }}>
        <Button type="primary" icon={<CloudUploadOutlined />} onClick={onStart} loading={starting} block={isPhone} className="evidence-start">
          {t('evidence.stage.start')}
        </Button>
        <Button onClick={onCancel} disabled={starting} block={isPhone}>
          {t('common.cancel')}
        </Button>
      </Flex>
    </div>
  );
}

function taskText(task: EvidenceUploadTask, percent: number): string {
  switch (task.status) {
    case 'waiting':
      return t('evidence.progress.waiting');
    case 'uploading':
      return t('evidence.progress.uploading', { percent });
    case 'retrying':
      return t('evidence.progress.retrying', { percent });
    case 'done':
      return task.duplicate ? t('evidence.progress.duplicate') : task.earlierRound ? t('evidence.progress.earlierRound') : t('evidence.progress.done');
    case 'failed':
      return t('evidence.progress.failed');
  }
}

/** One line per file on its way, with what went wrong in the server's words. */
export function UploadProgressList({ tasks }: { tasks: EvidenceUploadTask[] }) {
  if (tasks.length === 0) return null;
  return (
    <div className="evidence-tasks">
      {tasks.map((task) => {
        const percent = task.total > 0 ? Math.floor((task.sent / task.total) * 100) : 0;
        return (
          <div className="evidence-task" key={task.id} data-status={task.status}>
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text ellipsis className="evidence-task-name">
                {task.request.file.name}
              </Typography.Text>
              <span className="evidence-task-status">{taskText(task, percent)}</span>
            </Flex>
            <Progress
              percent={task.status === 'done' ? 100 : percent}
              size="small"
              showInfo={false}
              status={task.status === 'failed' ? 'exception' : task.status === 'done' ? 'success' : 'active'}
            />
            {task.status === 'done' && task.earlierRound && (
              <Flex justify="space-between" align="flex-start" gap={8} wrap>
                <Typography.Text type="warning" className="evidence-task-warning">
                  {t('evidence.progress.earlierRound.hint')}
                </Typography.Text>
                <Button size="small" type="link" icon={<CloseOutlined />} onClick={() => remove(task.id)}>
                  {t('evidence.dismissTask')}
                </Button>
              </Flex>
            )}
            {task.status === 'failed' && (
              <Flex justify="space-between" align="flex-start" gap={8} wrap>
                <Typography.Text type="danger" className="evidence-task-error">
                  {task.error}
                </Typography.Text>
                <span>
                  {task.retryable && (
                    <Button size="small" type="link" icon={<RedoOutlined />} onClick={() => retry(task.id)}>
                      {t('evidence.retry')}
                    </Button>
                  )}
                  <Button size="small" type="link" icon={<CloseOutlined />} onClick={() => remove(task.id)}>
                    {t('evidence.removeTask')}
                  </Button>
                </span>
              </Flex>
            )}
          </div>
        );
      })}
    </div>
  );
}

/** Files of this record that stopped part-way before the page was last closed: picking the same file again continues it. */
export function UnfinishedHint({ enterpriseId, target, tasks }: { enterpriseId: number; target: string; tasks: EvidenceUploadTask[] }) {
  const [found, setFound] = useState<PreviousUpload[]>([]);
  const activeCount = tasks.length;
  useEffect(() => {
    let live = true;
    void unfinishedUploads(enterpriseId).then((all) => {
      if (live) setFound(all.filter((u) => unfinishedTarget(u) === target));
    });
    return () => {
      live = false;
    };
  }, [enterpriseId, target, activeCount]);
  const inQueue = new Set(tasks.map((task) => task.request.file.name));
  const stopped = found.filter((u) => !inQueue.has(u.metadata.filename ?? ''));
  if (stopped.length === 0) return null;
  const names = stopped.map((u) => u.metadata.filename ?? '').join(t('common.listSeparator'));
  return (
    <Alert
      type="info"
      showIcon
      className="evidence-unfinished"
      title={t('evidence.unfinished', { count: stopped.length, names })}
      action={
        <Button size="small" type="link" onClick={() => void forgetUnfinished(stopped).then(() => setFound([]))}>
          {t('evidence.unfinishedForget')}
        </Button>
      }
    />
  );
}
