import { AuditOutlined, EditOutlined, RollbackOutlined, SafetyCertificateOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Skeleton, Tabs, Tag, Tooltip, Typography } from 'antd';
import { Suspense, useEffect, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import type { EnterpriseDto, ItemDto } from '../../../domain/api.js';
import { useCampaign, useDepartments, useEnterprise } from '../../api/hooks.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryState.js';
import { StatusTag } from '../../components/StatusTag.js';
import { formatDateTime } from '../../format.js';
import { t } from '../../i18n/index.js';
import { label } from '../../i18n/labels.js';
import { useIsPhone } from '../../components/useIsPhone.js';
import { EnterpriseInfo } from './detail/EnterpriseInfo.js';
import { belongsTo, evidencePackageUrl, useAttachments, type AttachmentList } from '../../api/evidence.js';
import { ItemsPanel, type EvidenceNeed } from './detail/ItemsPanel.js';
import { RecordEvidence } from './detail/RecordEvidence.js';
import { lazyChunk } from '../../layout/lazyChunk.js';
import { StatusAlert, WorkflowSteps } from './detail/WorkflowSteps.js';
import { ItemsProgress } from './ItemsProgress.js';

// Below the items, behind a tab or a button: loaded after the page itself, so that a village
// head's phone gets the items and the camera first.
const RemarksPanel = lazyChunk(async () => ({ default: (await import('./detail/RemarksPanel.js')).RemarksPanel }));
const ItemRecordModal = lazyChunk(async () => ({ default: (await import('./detail/ItemRecordModal.js')).ItemRecordModal }));
const HistoryTimeline = lazyChunk(async () => ({ default: (await import('./detail/HistoryTimeline.js')).HistoryTimeline }));
const VerdictModal = lazyChunk(async () => ({ default: (await import('./detail/VerdictModal.js')).VerdictModal }));
const ReasonModal = lazyChunk(async () => ({ default: (await import('./detail/ReasonModal.js')).ReasonModal }));
const WorkshopIncidents = lazyChunk(async () => ({ default: (await import('../incidents/WorkshopIncidents.js')).WorkshopIncidents }));
const WorkshopCases = lazyChunk(async () => ({ default: (await import('../cases/WorkshopCases.js')).WorkshopCases }));
const WorkshopRequests = lazyChunk(async () => ({ default: (await import('../departmentRequests/WorkshopRequests.js')).WorkshopRequests }));
const WorkshopPatrols = lazyChunk(async () => ({ default: (await import('../supervision/WorkshopPatrols.js')).WorkshopPatrols }));
const SameSiteCard = lazyChunk(async () => ({ default: (await import('../supervision/SameSiteCard.js')).SameSiteCard }));
const SiteSupervisorCard = lazyChunk(async () => ({ default: (await import('../supervision/SiteSupervisorCard.js')).SiteSupervisorCard }));

type Dialog = 'verdict' | 'exclude' | 'recur' | null;

// The evidence package ability is read when the server gives it; without it the button shows and the server decides.

/** The files an item has and the number its completion needs (the campaign's evidenceMin). */
function evidenceNeed(item: ItemDto, list: AttachmentList | undefined): EvidenceNeed {
  // The server's count; the gallery's when an older server leaves it out.
  const counted = () => list?.items.filter((a) => a.replacedBy === null && !a.earlierRound && belongsTo(a, { recordType: 'item', itemCode: item.code })).length ?? 0;
  return { count: item.evidenceCount ?? counted(), min: item.evidenceMin ?? 1 };
}

export default function EnterpriseDetailPage() {
  const id = Number(useParams().id);
  const query = useEnterprise(id);
  if (query.isPending) return <Skeleton active paragraph={{ rows: 14 }} />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return <EnterpriseDetail enterprise={query.data} reload={() => void query.refetch()} />;
}

function EnterpriseDetail({ enterprise: e, reload }: { enterprise: EnterpriseDto; reload: () => void }) {
  const isPhone = useIsPhone();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const campaign = useCampaign();
  const departments = useDepartments();
  const [recording, setRecording] = useState<ItemDto | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const attachments = useAttachments(e.id);
  const itemTotal = e.items.length;
  const abilities = e.abilities;
  const needOf = (item: ItemDto) => evidenceNeed(item, attachments.data);
  // Arriving from 现场登记 (…#enterprise-evidence): the workshop's photos, with the camera button, in view.
  const { hash } = useLocation();
  // Again once the galleries above it have loaded and grown.
  const galleriesLoaded = attachments.data !== undefined;
  useEffect(() => {
    if (hash === '#enterprise-evidence') document.getElementById('enterprise-evidence')?.scrollIntoView({ block: 'start' });
  }, [hash, galleriesLoaded]);

  const saved = (key: 'item.saved' | 'verdict.saved' | 'exclude.saved' | 'recur.saved') => (next: EnterpriseDto) => {
    setRecording(null);
    setDialog(null);
    void message.success(t(key, { status: label.status(next.status) }));
  };

  const actions = [
    e.abilities.verdict && (
      <Button key="verdict" type="primary" icon={<AuditOutlined />} onClick={() => setDialog('verdict')} id="action-verdict">
        {t('enterprise.action.verdict')}
      </Button>
    ),
    e.abilities.update && (
      <Button key="edit" icon={<EditOutlined />} onClick={() => void navigate(`/enterprises/${e.id}/edit`)} id="action-edit">
        {t('enterprise.action.edit')}
      </Button>
    ),
    // The server decides who may have the package; until it says, everyone who sees the workshop gets the button.
    abilities.evidencePackage !== false && (
      <Tooltip key="package" title={t('evidence.packageHint')}>
        <Button icon={<SafetyCertificateOutlined />} href={evidencePackageUrl(e.id)} download id="action-evidence-package">
          {t('evidence.package')}
        </Button>
      </Tooltip>
    ),
    e.abilities.exclude && (
      <Button key="exclude" danger icon={<StopOutlined />} onClick={() => setDialog('exclude')} id="action-exclude">
        {t('enterprise.action.exclude')}
      </Button>
    ),
    e.abilities.recur && (
      <Button key="recur" danger icon={<RollbackOutlined />} onClick={() => setDialog('recur')} id="action-recur">
        {t('enterprise.action.recur')}
      </Button>
    ),
  ].filter(Boolean);

  return (
    <>
      <PageHeader
        back={{ to: '/enterprises', label: t('enterprise.detail.backToList') }}
        title={<span id="enterprise-name">{e.name}</span>}
        tags={<span id="enterprise-status"><StatusTag status={e.status} /></span>}
        subtitle={t('enterprise.detail.meta', { id: e.id, created: formatDateTime(e.createdAt), updated: formatDateTime(e.updatedAt) })}
        extra={actions.length > 0 ? actions : undefined}
      />

      {e.status !== 'excluded' && (
        <Card className="section-card" size="small">
          <WorkflowSteps status={e.status} />
          <StatusAlert status={e.status} reason={e.statusReason} rejection={e.rejection} />
        </Card>
      )}
      {e.status === 'excluded' && <StatusAlert status={e.status} reason={e.statusReason} />}
      {e.status !== 'excluded' && (
        <Suspense fallback={null}>
          <SameSiteCard enterpriseId={e.id} name={e.name} />
        </Suspense>
      )}

      <Card
        className="section-card"
        size="small"
        title={t('enterprise.detail.tabItems')}
        extra={
          <Flex gap={8} align="center" wrap>
            {/* A rejection keeps the items' records: the count says what was done, not that nothing is left to do. */}
            {e.status === 'rejected' && (
              <Tag color="error" id="items-rectify" style={{ marginInlineEnd: 0 }}>
                {t('rejection.itemsTag')}
              </Tag>
            )}
            <ItemsProgress done={e.itemsDone} total={itemTotal} segmented />
          </Flex>
        }
        styles={{ body: isPhone ? { padding: 8 } : { padding: 0 } }}
        style={{ marginTop: e.status === 'excluded' ? 16 : undefined }}
      >
        <ItemsPanel
          items={e.items}
          campaign={campaign.data}
          departments={departments.data}
          onRecord={setRecording}
          rectifying={e.status === 'rejected'}
          evidenceOf={needOf}
          renderEvidence={(item) => <RecordEvidence enterpriseId={e.id} target={{ recordType: 'item', itemCode: item.code }} list={attachments.data} canUpload={item.canUploadEvidence} />}
        />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: isPhone ? '4px 4px 0' : '12px 16px' }} id="evidence-note">
          {t('evidence.note')}
        </Typography.Paragraph>
        {attachments.isError && (
          <Typography.Paragraph type="danger" style={{ fontSize: 12, margin: isPhone ? '4px 4px 0' : '0 16px 12px' }}>
            {t('evidence.loadFailed')}
          </Typography.Paragraph>
        )}
      </Card>

      <Suspense fallback={<Card className="section-card" size="small" loading />}>
        <WorkshopRequests enterpriseId={e.id} />
      </Suspense>
      {abilities.viewIncidents && (
        <Suspense fallback={<Card className="section-card" size="small" loading />}>
          <WorkshopIncidents enterpriseId={e.id} />
        </Suspense>
      )}
      {abilities.viewCases && (
        <Suspense fallback={<Card className="section-card" size="small" loading />}>
          <WorkshopCases enterpriseId={e.id} />
        </Suspense>
      )}
      {abilities.viewPatrols && (e.status === 'shut_down' || e.status === 'accepted' || e.status === 'recurred') && (
        <Suspense fallback={<Card className="section-card" size="small" loading />}>
          <WorkshopPatrols enterpriseId={e.id} name={e.name} />
        </Suspense>
      )}
      {(e.status === 'shut_down' || e.status === 'accepted' || e.status === 'recurred') && (
        <Suspense fallback={<Card className="section-card" size="small" loading />}>
          <SiteSupervisorCard enterpriseId={e.id} />
        </Suspense>
      )}

      <Card className="section-card" size="small" title={t('evidence.enterpriseTitle')} id="enterprise-evidence">
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('evidence.enterpriseHint')}
        </Typography.Paragraph>
        <RecordEvidence enterpriseId={e.id} target={{ recordType: 'enterprise' }} list={attachments.data} canUpload={abilities.uploadEvidence} />
      </Card>

      <Suspense fallback={<Card className="section-card" size="small" loading />}>
        <RemarksPanel enterpriseId={e.id} townId={e.townId} />
      </Suspense>

      <Card className="section-card" size="small">
        <Tabs
          items={[
            { key: 'info', label: t('enterprise.detail.tabInfo'), children: <EnterpriseInfo enterprise={e} campaign={campaign.data} /> },
            { key: 'history', label: t('enterprise.detail.tabHistory'), children: (
                <Suspense fallback={<Card size="small" loading />}>
                  <HistoryTimeline enterpriseId={e.id} campaign={campaign.data} />
                </Suspense>
              ) },
          ]}
        />
      </Card>

      {recording && (
        <Suspense fallback={null}>
          <ItemRecordModal
            enterprise={e}
            item={recording}
            def={campaign.data?.standardItems.find((s) => s.code === recording.code)}
            evidence={needOf(e.items.find((i) => i.code === recording.code) ?? recording)}
            attachments={attachments.data}
            onClose={() => setRecording(null)}
            onSaved={saved('item.saved')}
            reload={reload}
          />
        </Suspense>
      )}
      {e.abilities.verdict && dialog === 'verdict' && (
        <Suspense fallback={null}>
          <VerdictModal enterprise={e} open onClose={() => setDialog(null)} onSaved={saved('verdict.saved')} reload={reload} />
        </Suspense>
      )}
      <Suspense fallback={null}>
        {e.abilities.exclude && dialog === 'exclude' && <ReasonModal enterprise={e} action="exclude" open onClose={() => setDialog(null)} onSaved={saved('exclude.saved')} reload={reload} />}
        {e.abilities.recur && dialog === 'recur' && <ReasonModal enterprise={e} action="recur" open onClose={() => setDialog(null)} onSaved={saved('recur.saved')} reload={reload} />}
      </Suspense>
    </>
  );
}
