import { ArrowRightOutlined, CameraOutlined, EnvironmentOutlined, TeamOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, Row, Tag, Typography } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import type { DashboardTownRow } from '../../../domain/api.js';
import { useCampaign, useDashboard, useDepartments } from '../../api/hooks.js';
import { useCurrentUser } from '../../auth/CurrentUser.js';
import { LeadingGroupDownload } from '../../components/exports/ExportLinks.js';
import { DataTable, type DataColumn } from '../../components/DataTable.js';
import { QueryState } from '../../components/QueryState.js';
import { useIsPhone } from '../../components/useIsPhone.js';
import { t } from '../../i18n/index.js';
import { completionRate, StatusStats } from './StatusStats.js';
import { EscalationsCard } from './EscalationsCard.js';
import { lazyChunk } from '../../layout/lazyChunk.js';
import { PendingItemQueue, TodoList } from './TodoList.js';

// A department's queue card loads with its home only (the field path's bundle stays light).
// The 日报 card's date picker stays out of the field path (a village head's phone never loads it).
const DailyReportCard = lazyChunk(async () => ({ default: (await import('../../components/DailyReportCard.js')).DailyReportCard }));
const RequestsCard = lazyChunk(async () => ({ default: (await import('./RequestsCard.js')).RequestsCard }));

function SectionTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <Flex justify="space-between" align="center" style={{ margin: '20px 0 12px' }}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {children}
      </Typography.Title>
      {extra}
    </Flex>
  );
}

function ScopeProgress({ title }: { title: string }) {
  const dashboard = useDashboard();
  return (
    <>
      <SectionTitle>{title}</SectionTitle>
      <QueryState query={dashboard} rows={3}>
        {(d) => <StatusStats row={d.totals} />}
      </QueryState>
    </>
  );
}

/**
 * The register keepers' actions, at the top of 今日待办: 现场登记 opens the form that locates the
 * phone and, once saved, the workshop's photos with the camera (a village head's first screen).
 */
export function QuickActions() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const isPhone = useIsPhone();
  if (!me.abilities.createEnterprise) return null;
  return (
    <Flex gap={8} wrap vertical={isPhone}>
      <Button type="primary" size={isPhone ? 'large' : 'middle'} icon={<CameraOutlined />} onClick={() => void navigate('/enterprises/new?onSite=1')} id="home-register" block={isPhone}>
        {t('home.onSite')}
      </Button>
      <Flex gap={8}>
        <Button icon={<UnorderedListOutlined />} onClick={() => void navigate('/enterprises')} style={isPhone ? { flex: 1 } : undefined}>
          {t('home.quick.list')}
        </Button>
        {me.abilities.createVillage && (
          <Button icon={<EnvironmentOutlined />} onClick={() => void navigate('/villages')} style={isPhone ? { flex: 1 } : undefined}>
            {t('home.quick.villages')}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}

/** Town staff and village heads: the escalations to answer and the workshops waiting for them, then the progress of their area. */
export function RegisterHome() {
  const me = useCurrentUser();
  return (
    <>
      <SectionTitle>{t('home.todo.title')}</SectionTitle>
      <Row gutter={[16, 16]}>
        {me.abilities.answerEscalations && (
          <Col xs={24}>
            <EscalationsCard />
          </Col>
        )}
        <Col xs={24} lg={12}>
          <TodoList fill id="todo-in-progress" title={t('home.todo.inProgress')} status="in_progress" />
        </Col>
        <Col xs={24} lg={12}>
          <TodoList fill id="todo-surveyed" title={t('home.todo.surveyed')} status="surveyed" />
        </Col>
        <Col xs={24} lg={12}>
          <TodoList fill id="todo-rejected" title={t('home.todo.rejected')} status="rejected" />
        </Col>
        <Col xs={24} lg={12}>
          <TodoList fill id="todo-recurred" title={t('home.todo.recurred')} status="recurred" />
        </Col>
      </Row>
      <ScopeProgress title={t('home.scopeProgress')} />
      {me.abilities.downloadDailyReport && (
        <Suspense fallback={<Card size="small" loading />}>
          <DailyReportCard />
        </Suspense>
      )}
    </>
  );
}

/**
 * A department: the standard items it executes with, for each, the queue of workshops where the
 * item is still pending ("待…"). A department that executes no item sees the workshops being shut down.
 */
export function DepartmentHome() {
  const me = useCurrentUser();
  const campaign = useCampaign();
  const departments = useDepartments();
  const mine = (departments.data ?? []).filter((d) => me.duty.departmentIds.includes(d.id));
  const items = (campaign.data?.standardItems ?? []).filter((s) => me.duty.itemCodes.includes(s.code));
  return (
    <>
      {me.abilities.actOnDepartmentRequests && (
        <>
          <SectionTitle>{t('home.todo.title')}</SectionTitle>
          <Suspense fallback={<Card size="small" loading />}>
            <RequestsCard />
          </Suspense>
        </>
      )}
      <SectionTitle>{t('home.department.title')}</SectionTitle>
      <Row gutter={[16, 16]}>
        {/* On a phone the queue, i.e. the work, comes before the description of the duties. */}
        <Col xs={{ span: 24, order: 2 }} lg={{ span: 10, order: 1 }}>
          <Card size="small" title={t('home.department.items')} style={{ height: '100%' }} loading={campaign.isPending || departments.isPending}>
            {items.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.department.noItems')} />
            ) : (
              items.map((s) => (
                <div key={s.code} style={{ marginBottom: 8 }}>
                  <Tag color="blue">{s.name}</Tag>
                  <Typography.Text type="secondary">{s.description}</Typography.Text>
                </div>
              ))
            )}
            {mine.flatMap((d) => d.duties).map((duty) => (
              <Typography.Paragraph key={duty} type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
                · {duty}
              </Typography.Paragraph>
            ))}
          </Card>
        </Col>
        <Col xs={{ span: 24, order: 1 }} lg={{ span: 14, order: 2 }}>
          {campaign.isPending || departments.isPending ? (
            <Card size="small" loading />
          ) : items.length > 0 ? (
            <Flex vertical gap={16}>
              {items.map((s) => (
                <PendingItemQueue key={s.code} id={`queue-${s.code}`} code={s.code} title={t('home.department.pendingItem', { item: s.name })} />
              ))}
            </Flex>
          ) : (
            <TodoList fill id="todo-department" title={t('home.department.queueTitle')} status="in_progress" limit={6} />
          )}
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('home.department.queueHint')}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <TodoList fill title={t('home.todo.surveyed')} status="surveyed" />
        </Col>
        <Col xs={24} lg={12}>
          <TodoList fill title={t('home.todo.recurred')} status="recurred" />
        </Col>
      </Row>
    </>
  );
}

/** The acceptance group: workshops shut down and waiting for a verdict. */
export function InspectorHome() {
  return (
    <>
      <SectionTitle>{t('home.inspector.title')}</SectionTitle>
      <Typography.Paragraph type="secondary">{t('home.inspector.hint')}</Typography.Paragraph>
      <TodoList id="todo-acceptance" title={t('home.todo.awaitingAcceptance')} status="shut_down" limit={10} />
      <ScopeProgress title={t('home.districtProgress')} />
    </>
  );
}

/** Each town's progress: a table on a desk, a card per town on a phone (DataTable). */
function TownTable({ towns }: { towns: DashboardTownRow[] }) {
  const columns: DataColumn<DashboardTownRow>[] = [
    { key: 'town', card: 'title', title: t('dashboard.col.town'), render: (_, r) => <Link to={`/enterprises?town=${r.townId}`}>{r.townName}</Link> },
    { key: 'total', title: t('dashboard.col.total'), align: 'right', render: (_, r) => <span className="num">{r.total}</span> },
    { key: 'progress', title: t('status.in_progress'), align: 'right', render: (_, r) => <span className="num">{r.byStatus.in_progress}</span> },
    { key: 'shut', title: t('home.todo.awaitingAcceptance'), align: 'right', render: (_, r) => <span className="num">{r.byStatus.shut_down}</span> },
    { key: 'rejected', title: t('status.rejected'), align: 'right', render: (_, r) => <span className="num">{r.byStatus.rejected}</span> },
    { key: 'rate', title: t('home.stat.completion'), align: 'right', render: (_, r) => <span className="num">{completionRate(r)}%</span> },
  ];
  return <DataTable<DashboardTownRow> id="home-towns" rowKey="townId" size="small" columns={columns} dataSource={towns} pagination={false} />;
}

/** Office, leaders, discipline, liaison: the district (or paired towns) at a glance. */
export function OverviewHome() {
  const me = useCurrentUser();
  const dashboard = useDashboard();
  const navigate = useNavigate();
  return (
    <>
      <ScopeProgress title={me.districtWide ? t('home.districtProgress') : t('home.scopeProgress')} />
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            className="table-card wrap-head"
            title={t('home.office.title')}
            extra={
              <Flex gap={4} wrap>
                <LeadingGroupDownload size="small" />
                <Button type="link" size="small" onClick={() => void navigate('/dashboard')}>
                  {t('home.office.viewDashboard')} <ArrowRightOutlined />
                </Button>
              </Flex>
            }
          >
            <QueryState query={dashboard}>{(d) => <TownTable towns={d.towns} />}</QueryState>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={16}>
            <EscalationsCard />
            <TodoList title={t('home.todo.awaitingAcceptance')} status="shut_down" />
            <TodoList title={t('home.todo.recurred')} status="recurred" />
          </Flex>
        </Col>
      </Row>
    </>
  );
}

/** System administrators: user management first. */
export function AdminHome() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  return (
    <>
      <Card size="small" className="section-card" title={t('home.admin.title')}>
        <Typography.Paragraph type="secondary">{t('home.admin.hint')}</Typography.Paragraph>
        {me.abilities.manageUsers && (
          <Button type="primary" icon={<TeamOutlined />} onClick={() => void navigate('/users')}>
            {t('home.admin.open')}
          </Button>
        )}
      </Card>
      {me.abilities.viewDashboard && <ScopeProgress title={t('home.districtProgress')} />}
    </>
  );
}
