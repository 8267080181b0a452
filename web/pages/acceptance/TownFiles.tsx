// 验收文件 on a town's acceptance page: the signed 书面说明 and stamped 书面材料 as the town filed them
// (PDF or photographs of the pages), with their hashes; the town's keepers add them.
import { Card } from 'antd';
import { useTownAcceptanceFiles } from '../../api/acceptance.js';
import { QueryState } from '../../components/QueryState.js';
import { RecordFiles } from '../../components/RecordFiles.js';
import { fileSize } from '../../format.js';
import { t } from '../../i18n/index.js';
import { TOWN_ACCEPTANCE_FILE_ACCEPT, townAcceptanceUploads } from '../../uploads/townAcceptanceUploads.js';

export function TownFilesCard({ townId }: { townId: number }) {
  const files = useTownAcceptanceFiles(townId);
  if (files.data && files.data.total === 0 && !files.data.abilities.upload) return null;
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <QueryState query={files} rows={2}>
        {(data) => (
          <RecordFiles
            recordId={townId}
            data={data}
            uploads={townAcceptanceUploads}
            accept={TOWN_ACCEPTANCE_FILE_ACCEPT}
            capture
            ids={{ panel: 'town-files', upload: 'town-files-upload' }}
            text={{
              title: t('acc.files.title', { count: data.total }),
              hint: t('acc.files.hint', { photoMax: fileSize(data.limits.photoMaxBytes), documentMax: fileSize(data.limits.documentMaxBytes) }),
              frozen: t('acc.files.readOnly'),
              upload: t('acc.files.upload'),
              empty: t('acc.files.empty'),
              duplicate: t('acc.files.duplicate'),
            }}
          />
        )}
      </QueryState>
    </Card>
  );
}
