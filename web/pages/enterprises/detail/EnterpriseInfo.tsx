import { Descriptions, type DescriptionsProps } from 'antd';
import type { ReactNode } from 'react';
import type { CampaignDto, EnterpriseDto } from '../../../../domain/api.js';
import { orEmpty } from '../../../format.js';
import { t } from '../../../i18n/index.js';
import { label, type FieldName } from '../../../i18n/labels.js';

type Items = NonNullable<DescriptionsProps['items']>;

/** All register fields, in the same sections as the form. */
export function EnterpriseInfo({ enterprise: e, campaign }: { enterprise: EnterpriseDto; campaign: CampaignDto | undefined }) {
  const item = (key: FieldName, children: ReactNode, span?: number | 'filled'): Items[number] => ({ key, label: label.field(key), children, span });
  const kind = campaign?.workshopKinds.find((k) => k.code === e.kind)?.name ?? e.kind;
  const coords = e.lng !== null && e.lat !== null ? t('enterprise.detail.coords', { lng: e.lng.toFixed(6), lat: e.lat.toFixed(6) }) : t('common.empty');

  const sections: { title: string; items: Items }[] = [
    {
      title: t('enterprise.section.basic'),
      items: [
        item('name', e.name),
        item('kind', kind),
        item('discoverySource', label.discovery(e.discoverySource)),
        item('contactPerson', orEmpty(e.contactPerson)),
        item('phone', orEmpty(e.phone)),
      ],
    },
    {
      title: t('enterprise.section.location'),
      items: [
        item('townId', e.townName),
        item('villageId', orEmpty(e.villageName)),
        item('address', orEmpty(e.address)),
        { key: 'coords', label: `${label.field('lng')} / ${label.field('lat')}`, children: <span className="num">{coords}</span> },
      ],
    },
    {
      title: t('enterprise.section.utilities'),
      items: [item('powerSource', orEmpty(e.powerSource)), item('powerAccount', orEmpty(e.powerAccount)), item('waterSource', orEmpty(e.waterSource))],
    },
    {
      title: t('enterprise.section.land'),
      items: [
        item('landType', orEmpty(e.landType)),
        item('landOwner', orEmpty(e.landOwner)),
        item('landLease', orEmpty(e.landLease)),
        item('licenceBusiness', label.licence(e.licenceBusiness)),
        item('licenceEia', label.licence(e.licenceEia)),
        item('licenceLand', label.licence(e.licenceLand)),
      ],
    },
    {
      title: t('enterprise.section.production'),
      items: [
        item('productionStatus', label.production(e.productionStatus)),
        item('rawMaterials', orEmpty(e.rawMaterials)),
        item('notes', <span style={{ whiteSpace: 'pre-wrap' }}>{orEmpty(e.notes)}</span>, 'filled'),
      ],
    },
    {
      title: t('exports.section.responsible'),
      items: [item('villageHead', orEmpty(e.villageHead)), item('townHead', orEmpty(e.townHead)), item('departmentHead', orEmpty(e.departmentHead))],
    },
  ];

  return (
    <div id="enterprise-info">
      {sections.map((s) => (
        <Descriptions
          key={s.title}
          title={s.title}
          size="small"
          bordered
          column={{ xs: 1, sm: 1, md: 2, xl: 3 }}
          items={s.items}
          style={{ marginBottom: 20 }}
          styles={{ label: { width: 140 } }}
        />
      ))}
    </div>
  );
}
