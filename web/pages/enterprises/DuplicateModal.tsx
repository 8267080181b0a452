import { Alert, Button, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { DuplicateReason } from '../../../domain/duplicates.js';
import type { Status } from '../../../domain/status.js';
import { StatusTag } from '../../components/StatusTag.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { t } from '../../i18n/index.js';

export interface DuplicateCandidate {
  id: number;
  name: string;
  townName: string;
  villageName: string | null;
  address: string;
  phone: string;
  status: Status;
  reasons: DuplicateReason[];
}

function reasonText(r: DuplicateReason): string {
  if (r.kind === 'distance') return t('duplicates.reason.distance', { metres: r.metres });
  return t(`duplicates.reason.${r.kind}`);
}

/**
 * Shown when the server warns that a new workshop may already be registered: the user opens the
 * existing record (the same site), or confirms the new one is a different site.
 */
export function DuplicateModal({
  candidates,
  saving,
  onDifferent,
  onClose,
}: {
  candidates: DuplicateCandidate[] | null;
  saving: boolean;
  onDifferent: (ids: number[]) => void;
  onClose: () => void;
}) {
  return (
    <ResponsiveModal
      open={candidates !== null}
      width={720}
      title={t('duplicates.title')}
      onCancel={onClose}
      footer={
        <Flex justify="flex-end" gap={8} wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button id="duplicate-different" type="primary" loading={saving} onClick={() => onDifferent((candidates ?? []).map((c) => c.id))}>
            {t('duplicates.different')}
          </Button>
        </Flex>
      }
    >
      <Alert type="warning" showIcon message={t('duplicates.intro')} style={{ marginBottom: 12 }} />
      <List
        dataSource={candidates ?? []}
        renderItem={(c) => (
          <List.Item
            actions={[
              <Link key="open" to={`/enterprises/${c.id}`} className="duplicate-open">
                {t('duplicates.same')}
              </Link>,
            ]}
          >
            <List.Item.Meta
              title={
                <Flex gap={8} align="center" wrap>
                  <span>{c.name}</span>
                  <StatusTag status={c.status} />
                </Flex>
              }
              description={
                <>
                  <Typography.Text type="secondary">{[c.townName, c.villageName, c.address, c.phone].filter(Boolean).join(t('duplicates.separator'))}</Typography.Text>
                  <div>
                    {c.reasons.map((r) => (
                      <Tag key={r.kind} color="orange" style={{ marginTop: 4 }}>
                        {reasonText(r)}
                      </Tag>
                    ))}
                  </div>
                </>
              }
            />
          </List.Item>
        )}
      />
    </ResponsiveModal>
  );
}
