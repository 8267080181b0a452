// 线索附件: a disciplinary clue's files with their hashes, and (while the clue is open) an upload button.
import { fileSize } from '../../format.js';
import { useClueAttachments } from '../../api/selfInspection.js';
import { QueryState } from '../../components/QueryState.js';
import { RecordFiles } from '../../components/RecordFiles.js';
import { t } from '../../i18n/index.js';
import '../../i18n/selfInspection.js';
import { CLUE_FILE_ACCEPT, clueUploads } from '../../uploads/clueUploads.js';

export function ClueAttachments({ clueId }: { clueId: number }) {
  const query = useClueAttachments(clueId);
  return (
    <QueryState query={query} rows={2}>
      {(data) => (
        <RecordFiles
          recordId={clueId}
          data={data}
          uploads={clueUploads}
          accept={CLUE_FILE_ACCEPT}
          ids={{ panel: 'si-clue-files', upload: 'si-clue-upload' }}
          text={{
            title: t('si.clueFile.title', { count: data.total }),
            hint: t('si.clueFile.hint', { photoMax: fileSize(data.limits.photoMaxBytes), videoMax: fileSize(data.limits.videoMaxBytes) }),
            frozen: t('si.clueFile.frozen'),
            upload: t('si.clueFile.upload'),
            empty: t('si.clueFile.empty'),
            duplicate: t('si.clueFile.duplicate'),
          }}
        />
      )}
    </QueryState>
  );
}
