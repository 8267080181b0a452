import { HistoryOutlined } from '@ant-design/icons';
import { Button, Image } from 'antd';
import { useState } from 'react';
import { t } from '../../../i18n/index.js';
import { ResponsiveModal } from '../../../components/ResponsiveModal.js';
import type { AttachmentDto } from '../../../api/evidence.js';
import { EvidenceTile } from './EvidenceTile.js';

interface Props {
  current: AttachmentDto[];
  /** Files replaced by newer ones, kept in the record. */
  history: AttachmentDto[];
  maxDistanceM: number;
  canEdit: (a: AttachmentDto) => boolean;
  onEdit: (a: AttachmentDto) => void;
  onReplace: (a: AttachmentDto) => void;
}

/** The tiles of one record: photos open in a lightbox (one group, swipe through), videos in a player; 历史版本 below. */
export function EvidenceGallery({ current, history, maxDistanceM, canEdit, onEdit, onReplace }: Props) {
  const [playing, setPlaying] = useState<AttachmentDto | null>(null);
  const [showHistory, setShowHistory] = useState(false);
  const tile = (a: AttachmentDto, historical: boolean) => (
    <EvidenceTile key={a.id} a={a} maxDistanceM={maxDistanceM} historical={historical} canEdit={canEdit(a)} onEdit={onEdit} onReplace={onReplace} onPlay={setPlaying} />
  );

  return (
    <>
      {current.length > 0 && (
        <Image.PreviewGroup>
          <div className="evidence-grid">{current.map((a) => tile(a, false))}</div>
        </Image.PreviewGroup>
      )}
      {history.length > 0 && (
        <div className="evidence-history">
          <Button type="link" size="small" icon={<HistoryOutlined />} onClick={() => setShowHistory((v) => !v)} className="evidence-history-toggle" style={{ paddingInline: 0 }}>
            {showHistory ? t('evidence.historyHide') : t('evidence.history', { count: history.length })}
          </Button>
          {showHistory && (
            <Image.PreviewGroup>
              <div className="evidence-grid">{history.map((a) => tile(a, true))}</div>
            </Image.PreviewGroup>
          )}
        </div>
      )}
      <ResponsiveModal open={playing !== null} title={playing?.caption || playing?.originalName} footer={null} onCancel={() => setPlaying(null)} width={760}>
        {playing && (
          // A plain player: the server answers Range requests, so the phone streams rather than downloading it all first.
          <video className="evidence-video" src={playing.fileUrl} controls playsInline preload="metadata" autoPlay>
            <a href={playing.fileUrl}>{t('evidence.openOriginal')}</a>
          </video>
        )}
      </ResponsiveModal>
    </>
  );
}
