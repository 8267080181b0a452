import {
  ClockCircleOutlined,
  EditOutlined,
  EnvironmentOutlined,
  FileImageOutlined,
  InfoCircleOutlined,
  PlayCircleFilled,
  SwapOutlined,
  UserOutlined,
  WarningFilled,
} from '@ant-design/icons';
import { Button, Image, Popover, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { fileSize, formatDateTime, formatWallClock } from '../../../format.js';
import { t } from '../../../i18n/index.js';
import type { AttachmentDto, EvidencePhase } from '../../../api/evidence.js';

// Formats the browser can show as they are, when the server made no thumbnail.
const DISPLAYABLE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

export function phaseLabel(phase: EvidencePhase): string {
  return phase === 'before' ? t('evidence.phase.before') : phase === 'after' ? t('evidence.phase.after') : t('evidence.phase.none');
}


function CaptureTime({ a }: { a: AttachmentDto }) {
  if (a.capturedAtLocal) {
    return (
      <div className="evidence-line evidence-captured" title={t('evidence.captured', { time: formatWallClock(a.capturedAtLocal, 'seconds') })}>
        <ClockCircleOutlined /> {/* On a phone's narrow tile the clock icon stands for the label. */}
        <span className="evidence-label">{t('evidence.capturedLabel')} </span>
        <span className="num nowrap">{formatWallClock(a.capturedAtLocal)}</span>
      </div>
    );
  }
  return (
    <div className="evidence-line evidence-captured">
      <ClockCircleOutlined /> <Typography.Text type="warning">{t('evidence.capturedUnknown')}</Typography.Text>
      <div className="evidence-subline num">{t('evidence.uploadedAt', { time: formatDateTime(a.uploadedAt) })}</div>
    </div>
  );
}

function Location({ a, maxDistanceM }: { a: AttachmentDto; maxDistanceM: number }) {
  if (!a.gps || !a.locationSource) {
    return (
      <div className="evidence-line evidence-location" data-location="none">
        <EnvironmentOutlined /> <Typography.Text type="warning">{t('evidence.noLocation')}</Typography.Text>
      </div>
    );
  }
  const source = a.locationSource === 'device' ? t('evidence.source.device') : a.kind === 'video' ? t('evidence.source.video') : t('evidence.source.exif');
  const tip = [
    source,
    t('evidence.coords', { lat: a.gps.lat.toFixed(6), lng: a.gps.lng.toFixed(6) }),
    a.locationSource === 'device' && a.deviceAccuracyM !== null ? t('evidence.accuracy', { metres: Math.round(a.deviceAccuracyM) }) : null,
    a.distanceM === null ? t('evidence.noSiteCoords') : null,
  ]
    .filter(Boolean)
    .join(t('common.listSeparator'));
  return (
    <Tooltip title={tip}>
      <div className={`evidence-line evidence-location${a.far ? ' is-far' : ''}`} data-location={a.locationSource} data-far={a.far}>
        <EnvironmentOutlined />{' '}
        {a.far && (
          <Tag color="error" icon={<WarningFilled />} className="evidence-far">
            {t('evidence.far', { max: maxDistanceM })}
          </Tag>
        )}
        {a.distanceM !== null ? (
          <span className="num nowrap">{t('evidence.distance', { metres: a.distanceM })}</span>
        ) : (
          <span className="muted nowrap">{t('evidence.noDistance')}</span>
        )}{' '}
        <span className="evidence-source">{source}</span>
      </div>
    </Tooltip>
  );
}

function FileDetails({ a }: { a: AttachmentDto }) {
  return (
    <div className="evidence-details">
      <div>{a.originalName}</div>
      <div className="num">
        {fileSize(a.size)} · {a.mime}
      </div>
      <div className="num evidence-hash">{t('evidence.sha256', { hash: a.sha256 })}</div>
      <div className="num">{t('evidence.uploadedBy', { name: a.uploadedBy, time: formatDateTime(a.uploadedAt) })}</div>
      <a href={a.fileUrl} target="_blank" rel="noreferrer">
        {t('evidence.openOriginal')}
      </a>
    </div>
  );
}

interface Props {
  a: AttachmentDto;
  maxDistanceM: number;
  /** Replaced by a newer file: shown dimmed, without actions. */
  historical?: boolean;
  canEdit: boolean;
  onEdit: (a: AttachmentDto) => void;
  onReplace: (a: AttachmentDto) => void;
  onPlay: (a: AttachmentDto) => void;
}

/** One evidence file: the picture (or a tile for a video), when and where it was taken, the tag, the caption, who sent it. */
export function EvidenceTile({ a, maxDistanceM, historical = false, canEdit, onEdit, onReplace, onPlay }: Props) {
  let media: ReactNode;
  const thumb = a.thumbnailUrl ?? (a.kind === 'photo' && DISPLAYABLE.has(a.mime) ? a.fileUrl : null);
  if (a.kind === 'photo' && thumb) {
    media = (
      <Image
        src={thumb}
        alt={a.caption || a.originalName}
        // The original where the browser can show it; a HEIC (which most browsers cannot) enlarges its thumbnail.
        preview={{ src: DISPLAYABLE.has(a.mime) ? a.fileUrl : thumb }}
        styles={{ root: { display: 'block', width: '100%', height: '100%' }, image: { width: '100%', height: '100%', objectFit: 'cover' } }}
      />
    );
  } else if (a.kind === 'video') {
    media = (
      <button type="button" className="evidence-placeholder" onClick={() => onPlay(a)} aria-label={t('evidence.play')}>
        <PlayCircleFilled className="evidence-placeholder-icon" />
        <span className="evidence-placeholder-name">{a.originalName}</span>
      </button>
    );
  } else {
    media = (
      <a className="evidence-placeholder" href={a.fileUrl} target="_blank" rel="noreferrer" title={t('evidence.noPreview')}>
        <FileImageOutlined className="evidence-placeholder-icon" />
        <span className="evidence-placeholder-name">{a.originalName}</span>
      </a>
    );
  }

  return (
    <div className={`evidence-tile${historical ? ' is-historical' : ''}`} data-attachment={a.id} data-kind={a.kind}>
      <div className="evidence-media">
        {media}
        <div className="evidence-badges">
          {a.phase && <Tag color={a.phase === 'before' ? 'orange' : 'green'}>{phaseLabel(a.phase)}</Tag>}
          {a.kind === 'video' && <Tag color="blue">{t('evidence.video')}</Tag>}
          {historical && <Tag>{t('evidence.replaced')}</Tag>}
          {!historical && a.earlierRound && (
            <Tooltip title={t('evidence.earlierRound.hint')}>
              <Tag className="evidence-earlier-round">{t('evidence.earlierRound')}</Tag>
            </Tooltip>
          )}
        </div>
      </div>
      <div className="evidence-meta">
        <CaptureTime a={a} />
        <Location a={a} maxDistanceM={maxDistanceM} />
        {a.caption && (
          <Typography.Paragraph className="evidence-caption" ellipsis={{ rows: 2, tooltip: a.caption }}>
            {a.caption}
          </Typography.Paragraph>
        )}
        <div className="evidence-line evidence-uploader" title={t('evidence.uploadedBy', { name: a.uploadedBy, time: formatDateTime(a.uploadedAt) })}>
          <UserOutlined /> {a.uploadedBy}
        </div>
        <div className="evidence-foot">
          <span className="evidence-actions">
            <Popover content={<FileDetails a={a} />} title={t('evidence.details')} trigger="click">
              <Button type="text" size="small" icon={<InfoCircleOutlined />} aria-label={t('evidence.details')} />
            </Popover>
            {canEdit && !historical && (
              <>
                <Tooltip title={t('evidence.edit')}>
                  <Button type="text" size="small" icon={<EditOutlined />} onClick={() => onEdit(a)} aria-label={t('evidence.edit')} className="evidence-edit" />
                </Tooltip>
                <Tooltip title={t('evidence.replace')}>
                  <Button type="text" size="small" icon={<SwapOutlined />} onClick={() => onReplace(a)} aria-label={t('evidence.replace')} className="evidence-replace" />
                </Tooltip>
              </>
            )}
          </span>
        </div>
      </div>
    </div>
  );
}
