import { RightOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, Skeleton } from 'antd';
import { useNavigate } from 'react-router';
import type { EnterpriseSummaryDto } from '../../../domain/api.js';
import { StatusTag } from '../../components/StatusTag.js';
import { metaLine, placeName } from '../../format.js';
import { t } from '../../i18n/index.js';
import { ItemsProgress } from './ItemsProgress.js';

interface Props {
  items: EnterpriseSummaryDto[];
  loading: boolean;
  itemTotal: number;
  kindName: (code: string) => string;
  /** False when the user sees a single town: the card then names only the village. */
  showTown?: boolean;
}

/** The phone form of the register: one tappable card per workshop. */
export function EnterpriseCards({ items, loading, itemTotal, kindName, showTown = true }: Props) {
  const navigate = useNavigate();
  if (loading) return <Card><Skeleton active /></Card>;
  if (items.length === 0) return <Card><Empty description={t('enterprise.list.empty')} /></Card>;
  return (
    <div id="enterprise-cards">
      {items.map((e) => (
        <Card key={e.id} className="mobile-card clickable-card" size="small" onClick={() => void navigate(`/enterprises/${e.id}`)}>
          <Flex justify="space-between" align="flex-start" gap={8}>
            <div style={{ minWidth: 0 }}>
              <div className="mobile-card-title">{e.name}</div>
              <div className="mobile-card-meta">
                {metaLine(kindName(e.kind), placeName(e, showTown))}
              </div>
              {e.address && <div className="mobile-card-meta">{e.address}</div>}
            </div>
            <StatusTag status={e.status} />
          </Flex>
          <Flex justify="space-between" align="center" style={{ marginTop: 8 }}>
            <ItemsProgress done={e.itemsDone} total={itemTotal} width={140} />
            <span className="muted" style={{ fontSize: 12 }}>
              {e.contactPerson} {e.phone} <RightOutlined />
            </span>
          </Flex>
        </Card>
      ))}
    </div>
  );
}
