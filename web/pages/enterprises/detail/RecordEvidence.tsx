import { CameraOutlined, PictureOutlined } from '@ant-design/icons';
import { fileSize } from '../../../format.js';
import { App, Button, Flex, Typography } from 'antd';
import { useRef, useState, type ChangeEvent } from 'react';
import { t } from '../../../i18n/index.js';
import { useIsPhone } from '../../../components/useIsPhone.js';
import { EvidenceEditModal } from './EvidenceEditModal.js';
import { EvidenceGallery } from './EvidenceGallery.js';
import { DEFAULT_MAX_DISTANCE_M, belongsTo, targetKey, type AttachmentDto, type AttachmentList, type EvidenceTarget } from '../../../api/evidence.js';
import { devicePosition } from '../../../uploads/devicePosition.js';
import { ACCEPT, enqueue, useUploadTasks } from '../../../uploads/evidenceUploads.js';
import { StagePanel, UnfinishedHint, UploadProgressList, type Staged } from './EvidenceUploadPanel.js';

interface Props {
  enterpriseId: number;
  target: EvidenceTarget;
  list: AttachmentList | undefined;
  /** Whether this user may add files to this record (the server checks again). */
  canUpload: boolean;
  /** Shown when there is nothing yet and nothing can be added. */
  emptyText?: string;
}

const isEvidenceFile = (f: File) => f.type === '' || f.type.startsWith('image/') || f.type.startsWith('video/');

/**
 * The evidence of one record (a standard item, or the workshop itself): the upload button that
 * opens the phone's camera, the files waiting and on their way, and the gallery.
 */
export function RecordEvidence({ enterpriseId, target, list, canUpload, emptyText }: Props) {
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const key = targetKey(target);
  const tasks = useUploadTasks(enterpriseId, key);
  const pickRef = useRef<HTMLInputElement>(null);
  const replaceRef = useRef<HTMLInputElement>(null);
  const albumRef = useRef<HTMLInputElement>(null);
  const [replacing, setReplacing] = useState<AttachmentDto | null>(null);
  const [staged, setStaged] = useState<Staged | null>(null);
  const [starting, setStarting] = useState(false);
  const [editing, setEditing] = useState<AttachmentDto | null>(null);
  // The position is asked for as soon as files are picked, so that it is usually there by 开始上传.
  const positionRef = useRef<ReturnType<typeof devicePosition> | null>(null);

  const mine = (list?.items ?? []).filter((a) => belongsTo(a, target));
  const current = mine.filter((a) => a.replacedBy === null);
  const history = mine.filter((a) => a.replacedBy !== null);
  const canEdit = (a: AttachmentDto) => a.abilities?.update ?? canUpload;

  // A file the server would refuse for its size is turned away here, before it spends the village's bandwidth.
  const tooLarge = (f: File): string | null => {
    const limits = list?.limits;
    if (!limits) return null;
    const video = f.type.startsWith('video/');
    const max = video ? limits.videoMaxBytes : limits.photoMaxBytes;
    if (f.size <= max) return null;
    return t('evidence.tooLarge', { name: f.name, size: fileSize(f.size), kind: video ? t('evidence.kind.video') : t('evidence.kind.photo'), max: fileSize(max) });
  };

  const stage = (files: File[], replaces: AttachmentDto | null) => {
    const typed = files.filter(isEvidenceFile);
    if (typed.length < files.length) void message.warning(t('evidence.error.notFile'));
    const refusals = typed.map(tooLarge).filter((r): r is string => r !== null);
    for (const r of refusals) void message.error(r);
    const accepted = typed.filter((f) => tooLarge(f) === null);
    if (accepted.length === 0) return;
    const asked = devicePosition();
    positionRef.current = asked;
    setStaged({
      files: accepted,
      captions: accepted.map(() => replaces?.caption ?? ''),
      phase: replaces?.phase ?? '',
      replaces,
      position: undefined,
    });
    void asked.then((position) => setStaged((s) => (s && positionRef.current === asked ? { ...s, position } : s)));
  };

  const picked = (e: ChangeEvent<HTMLInputElement>, replaces: AttachmentDto | null) => {
    const files = Array.from(e.target.files ?? []);
    // Cleared so that picking the same file again (to resume it) fires change again.
    e.target.value = '';
    setReplacing(null);
    stage(files, replaces);
  };

  const start = async () => {
    if (!staged) return;
    setStarting(true);
    const position = staged.position ?? (await (positionRef.current ?? devicePosition()));
    setStarting(false);
    enqueue(
      staged.files.map((file, i) => ({
        enterpriseId,
        target,
        file,
        caption: staged.captions[i].trim(),
        phase: staged.phase,
        replacesId: staged.replaces?.id ?? null,
        position: position.ok ? position.position : null,
      })),
    );
    positionRef.current = null;
    setStaged(null);
  };

  const replace = (a: AttachmentDto) => {
    setReplacing(a);
    replaceRef.current?.click();
  };

  return (
    <div className="record-evidence" data-target={key}>
      {canUpload && (
        <>
          <input
            ref={pickRef}
            type="file"
            accept={ACCEPT}
            capture="environment"
            multiple
            hidden
            onChange={(e) => picked(e, null)}
            className="evidence-input"
            data-target={key}
          />
          {/* Photos taken earlier without signal: on a phone, capture= opens the camera only, so the album is a second way in. */}
          <input ref={albumRef} type="file" accept={ACCEPT} multiple hidden onChange={(e) => picked(e, null)} className="evidence-album-input" data-target={key} />
          <input ref={replaceRef} type="file" accept={ACCEPT} capture="environment" hidden onChange={(e) => picked(e, replacing)} className="evidence-replace-input" data-target={key} />
          {!staged && (
            <Flex align="center" gap={8} wrap className="evidence-toolbar">
              <Button icon={<CameraOutlined />} onClick={() => pickRef.current?.click()} block={isPhone} className="evidence-upload" data-target={key}>
                {t('evidence.upload')}
              </Button>
              {isPhone ? (
                <Button type="link" icon={<PictureOutlined />} onClick={() => albumRef.current?.click()} block className="evidence-album">
                  {t('evidence.pickFromAlbum')}
                </Button>
              ) : (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('evidence.uploadHint')}
                </Typography.Text>
              )}
            </Flex>
          )}
          {staged && <StagePanel staged={staged} starting={starting} onChange={setStaged} onStart={() => void start()} onCancel={() => setStaged(null)} />}
          <UnfinishedHint enterpriseId={enterpriseId} target={key} tasks={tasks} />
          <UploadProgressList tasks={tasks} />
        </>
      )}
      {current.length === 0 && history.length === 0 && !canUpload && <Typography.Text type="secondary">{emptyText ?? t('evidence.empty')}</Typography.Text>}
      <EvidenceGallery current={current} history={history} maxDistanceM={list?.maxDistanceM ?? DEFAULT_MAX_DISTANCE_M} canEdit={canEdit} onEdit={setEditing} onReplace={replace} />
      <EvidenceEditModal enterpriseId={enterpriseId} attachment={editing} onClose={() => setEditing(null)} />
    </div>
  );
}
