// 监管责任人 on the supervision page: the towns in the reader's scope with their 主管领导 and 监管责任人 (待补充
// while nobody is named), named or changed by those who may, each town's change history; below, the sites
// under supervision that still want a 村居监管责任人, each a link to its workshop page, where it is named.
import { HistoryOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { TOWN_SUPERVISOR_ROLES, type SupervisionGapsDto, type TownSupervisorListDto, type TownSupervisorRole } from '../../../domain/supervisors.js';
import { useAssignTownSupervisor, useSitesWithoutContact, useTownSupervisorList, useTownSupervisors } from '../../api/supervisors.js';
import { DataTable, type DataColumn } from '../../components/DataTable.js';
import { PagedList } from '../../components/PagedList.js';
import { QueryState } from '../../components/QueryState.js';
import { ResponsiveModal } from '../../components/ResponsiveModal.js';
import { StatusTag } from '../../components/StatusTag.js';
import { placeName } from '../../format.js';
import { t } from '../../i18n/index.js';
// The supervision stage's page strings, registered when this module loads.
import '../../i18n/stage4.js';
import { MissingTag, PersonLine, roleLabel, SupervisorForm, SupervisorHistory } from './SupervisorParts.js';

type TownRow = TownSupervisorListDto['items'][number];
type SiteRow = SupervisionGapsDto['sites']['items'][number];

const PAGE_SIZE = 20;

export function SupervisorsTab() {
  return (
    <>
      <TownSupervisors />
      <SitesWithoutContact />
    </>
  );
}

function TownSupervisors() {
  const list = useTownSupervisorList();
  const assign = useAssignTownSupervisor();
  const [editing, setEditing] = useState<{ town: TownRow; role: TownSupervisorRole } | null>(null);
  const [historyOf, setHistoryOf] = useState<TownRow | null>(null);

  const columns: DataColumn<TownRow>[] = [
    { key: 'town', card: 'title', title: t('sup.col.town'), render: (_, r) => r.townName },
    ...TOWN_SUPERVISOR_ROLES.map(
      (role): DataColumn<TownRow> => ({
        key: role,
        title: roleLabel(role),
        render: (_, r) => {
          const person = r.current.find((c) => c.role === role);
          return person ? <PersonLine person={person} id={`town-${r.townId}-${role}`} /> : <MissingTag />;
        },
      }),
    ),
  ];

  return (
    <Card className="section-card" size="small" title={t('sup.towns.title')} id="town-supervisors">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('sup.towns.hint')}
      </Typography.Paragraph>
      <QueryState query={list} rows={4}>
        {(data) => {
          const gaps = data.items.filter((r) => r.missing.length > 0).length;
          return (
            <>
              {data.items.length > 1 && (
                <Alert
                  type={gaps > 0 ? 'warning' : 'success'}
                  showIcon
                  title={gaps > 0 ? t('sup.towns.gaps', { count: gaps }) : t('sup.towns.complete')}
                  style={{ marginBottom: 12 }}
                  id="town-supervisor-gaps"
                />
              )}
              <DataTable<TownRow>
                id="town-supervisor-table"
                rowKey="townId"
                columns={columns}
                dataSource={data.items}
                pagination={false}
                size="middle"
                locale={{ emptyText: t('sup.towns.empty') }}
                actions={{
                  render: (r) => (
                    <Flex gap={6} wrap>
                      {r.canAssign &&
                        TOWN_SUPERVISOR_ROLES.map((role) => {
                          const held = r.current.some((c) => c.role === role);
                          return (
                            <Button key={role} size="small" type={held ? 'default' : 'primary'} onClick={() => setEditing({ town: r, role })} id={`town-${r.townId}-assign-${role}`}>
                              {t(held ? 'sup.change' : 'sup.assign', { role: roleLabel(role) })}
                            </Button>
                          );
                        })}
                      <Button size="small" icon={<HistoryOutlined />} onClick={() => setHistoryOf(r)} id={`town-${r.townId}-history`}>
                        {t('sup.history')}
                      </Button>
                    </Flex>
                  ),
                }}
              />
            </>
          );
        }}
      </QueryState>
      {editing && (
        <SupervisorForm
          role={editing.role}
          current={editing.town.current.find((c) => c.role === editing.role) ?? null}
          subject={editing.town.townName}
          pending={assign.isPending}
          submit={(body, done) => assign.mutate({ townId: editing.town.townId, role: editing.role, body }, done)}
          onClose={() => setEditing(null)}
          onReload={() => void list.refetch()}
        />
      )}
      {historyOf && <TownHistory town={historyOf} onClose={() => setHistoryOf(null)} />}
    </Card>
  );
}

/** A town's people, current and replaced, with who named them and when. */
function TownHistory({ town, onClose }: { town: TownRow; onClose: () => void }) {
  const detail = useTownSupervisors(town.townId);
  return (
    <ResponsiveModal open title={t('sup.history.title', { name: town.townName })} onCancel={onClose} footer={null}>
      <QueryState query={detail} rows={3}>
        {(d) => <SupervisorHistory current={d.current} history={d.history} />}
      </QueryState>
    </ResponsiveModal>
  );
}

function SitesWithoutContact() {
  const [page, setPage] = useState(1);
  const sites = useSitesWithoutContact(page, PAGE_SIZE);
  const columns: DataColumn<SiteRow>[] = [
    { key: 'name', card: 'title', title: t('sup.col.workshop'), wrap: 280, render: (_, r) => <Link to={`/enterprises/${r.id}`}>{r.name}</Link> },
    { key: 'place', title: t('sup.col.place'), render: (_, r) => placeName(r) },
    { key: 'status', title: t('sup.col.status'), render: (_, r) => <StatusTag status={r.status} /> },
  ];
  return (
    <Card
      className="section-card"
      size="small"
      title={t('sup.sites.title')}
      id="sites-without-contact"
      extra={sites.data && <Typography.Text type="secondary">{t('sup.sites.total', { total: sites.data.total })}</Typography.Text>}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('sup.sites.hint')}
      </Typography.Paragraph>
      <PagedList<SiteRow> id="sites-without-contact-list" rowKey="id" columns={columns} query={sites} page={page} pageSize={PAGE_SIZE} onPage={setPage} empty={t('sup.sites.empty')} />
    </Card>
  );
}
