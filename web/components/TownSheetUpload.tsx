// A town's sheet uploaded for a preview (the task-table import, the power supply office's account
// list): pick the town (fixed when the user has one), pick an .xlsx or .csv, watch it go up; the
// server's answer is handed to `onUploaded`.
import { UploadOutlined } from '@ant-design/icons';
import type { UseMutationResult } from '@tanstack/react-query';
import { App, Button, Form, Progress, Select, Upload } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTowns } from '../api/hooks.js';
import { useApiError } from './useApiError.js';
import { useIsPhone } from './useIsPhone.js';

export interface SheetUploadInput {
  townId: number;
  file: File;
  onProgress?: (percent: number) => void;
}

interface Props<R> {
  /** Element ids: `${id}-town`, `${id}-choose`, `${id}-progress`. */
  id: string;
  upload: UseMutationResult<R, unknown, SheetUploadInput>;
  onUploaded: (result: R) => void;
  /** A user of one town uploads for it, without choosing. */
  fixSingleTown?: boolean;
  labels: { town: string; townPlaceholder: string; file: string; hint: string; badType: string; chooseTownFirst: string; choose: string; uploading: string };
  /** Under the progress bar (e.g. sending, then checking). */
  progressNote?: (percent: number) => ReactNode;
}

export function TownSheetUpload<R>({ id, upload, onUploaded, fixSingleTown = false, labels, progressNote }: Props<R>) {
  const towns = useTowns();
  const isPhone = useIsPhone();
  const { message } = App.useApp();
  const showError = useApiError();
  const single = fixSingleTown && towns.data?.length === 1 ? towns.data[0] : undefined;
  const [picked, setPicked] = useState<number | undefined>();
  const [progress, setProgress] = useState(0);
  const townId = picked ?? single?.id;
  return (
    <Form layout="vertical" requiredMark={false}>
      <Form.Item label={labels.town} required>
        <Select
          id={`${id}-town`}
          style={{ width: isPhone ? '100%' : 280 }}
          placeholder={labels.townPlaceholder}
          value={townId}
          onChange={setPicked}
          disabled={!!single}
          loading={towns.isPending}
          showSearch={{ optionFilterProp: 'label' }}
          options={(towns.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
      </Form.Item>
      <Form.Item label={labels.file} extra={labels.hint} style={{ marginBottom: 0 }}>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          showUploadList={false}
          disabled={upload.isPending}
          beforeUpload={(file) => {
            if (!/\.(xlsx|csv)$/i.test(file.name)) {
              void message.error(labels.badType);
              return Upload.LIST_IGNORE;
            }
            if (!townId) {
              void message.warning(labels.chooseTownFirst);
              return Upload.LIST_IGNORE;
            }
            return true;
          }}
          customRequest={({ file, onSuccess, onError }) => {
            if (!townId) return;
            setProgress(0);
            upload.mutate(
              { townId, file: file as File, onProgress: setProgress },
              {
                onSuccess: (result) => {
                  onSuccess?.(result);
                  onUploaded(result);
                },
                onError: (err) => {
                  onError?.(err as Error);
                  showError(err);
                },
              },
            );
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={upload.isPending} id={`${id}-choose`} block={isPhone}>
            {upload.isPending ? labels.uploading : labels.choose}
          </Button>
        </Upload>
        {upload.isPending && (
          <div id={`${id}-progress`} style={{ marginTop: 8, maxWidth: 420 }}>
            <Progress percent={progress} size="small" status="active" />
            {progressNote?.(progress)}
          </div>
        )}
      </Form.Item>
    </Form>
  );
}
