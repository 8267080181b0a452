import { AutoComplete, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Typography, type FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { enterpriseFieldsSchema } from '../../../domain/enterprise.js';
import { DISCOVERY_SOURCES, LICENCE_STATES, PRODUCTION_STATUSES } from '../../../domain/status.js';
import { useCampaign, useTowns, useVillages } from '../../api/hooks.js';
import { useCurrentUser } from '../../auth/CurrentUser.js';
import { zodRule } from '../../forms/zodRules.js';
import { t, type MessageKey } from '../../i18n/index.js';
import { label, type FieldName } from '../../i18n/labels.js';
import { useIsPhone } from '../../components/useIsPhone.js';
import type { FormValues } from './enterpriseFormValues.js';
import { LocateButton } from './LocateButton.js';

const shape = enterpriseFieldsSchema.shape;
const WATER_OPTIONS: MessageKey[] = ['enterprise.water.well', 'enterprise.water.tap', 'enterprise.water.pond', 'enterprise.water.none'];
const LICENCE_ORDER = ['held', 'absent', 'unknown'] as const satisfies readonly (typeof LICENCE_STATES)[number][];

function Section({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) {
  return (
    <Card title={title} className="section-card" size="small" extra={extra} styles={{ body: { paddingBottom: 0 } }}>
      <Row gutter={16}>{children}</Row>
    </Card>
  );
}

const half = { xs: 24, md: 12 } as const;
const third = { xs: 24, md: 12, xl: 8 } as const;

interface Props {
  form: FormInstance<FormValues>;
  initialValues: FormValues;
  onFinish: (values: FormValues) => void;
  /** Registering on site: locate the phone at once. */
  onSite?: boolean;
  footer: ReactNode;
}

/** Every field of the workshop register (一企一档), grouped as officials fill the paper form. */
export function EnterpriseForm({ form, initialValues, onFinish, footer, onSite = false }: Props) {
  const isPhone = useIsPhone();
  const me = useCurrentUser();
  const campaign = useCampaign();
  const towns = useTowns();
  const townId = Form.useWatch('townId', form) as number | undefined;
  // A village head must pick one of their villages; their (single) town is filled in and not shown.
  const villageScoped = me.abilities.registerInVillagesOnly;
  const hideTown = villageScoped && towns.data?.length === 1;
  const villages = useVillages(townId);
  const f = (name: FieldName) => label.field(name);

  return (
    <Form<FormValues>
      form={form}
      name="enterprise"
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      onFinishFailed={({ errorFields }) => {
        if (errorFields[0]) form.scrollToField(errorFields[0].name, { block: 'center' });
      }}
      onValuesChange={(changed: FormValues) => {
        if ('townId' in changed) form.setFieldValue('villageId', undefined);
      }}
      scrollToFirstError={false}
      size={isPhone ? 'large' : 'middle'}
    >
      <Section title={t('enterprise.section.basic')}>
        <Col {...half}>
          <Form.Item name="name" label={f('name')} required rules={[zodRule(shape.name, '')]}>
            <Input maxLength={100} placeholder={t('enterprise.form.namePlaceholder')} />
          </Form.Item>
        </Col>
        <Col {...third} md={6} xl={6}>
          <Form.Item name="kind" label={f('kind')} rules={[{ required: true, message: t('common.select', { field: f('kind') }) }]}>
            <Select
              placeholder={t('common.select', { field: f('kind') })}
              loading={campaign.isPending}
              options={(campaign.data?.workshopKinds ?? []).map((k) => ({ value: k.code, label: k.name }))}
            />
          </Form.Item>
        </Col>
        <Col {...third} md={6} xl={6}>
          <Form.Item name="discoverySource" label={f('discoverySource')}>
            <Select options={DISCOVERY_SOURCES.map((d) => ({ value: d, label: label.discovery(d) }))} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="contactPerson" label={f('contactPerson')} rules={[zodRule(shape.contactPerson, '')]}>
            <Input maxLength={50} placeholder={t('enterprise.form.contactPlaceholder')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="phone" label={f('phone')} rules={[zodRule(shape.phone, '')]} validateDebounce={400}>
            <Input maxLength={40} inputMode="tel" placeholder={t('enterprise.form.phonePlaceholder')} />
          </Form.Item>
        </Col>
      </Section>

      <Section title={t('enterprise.section.location')} extra={<LocateButton form={form} auto={onSite} />}>
        <Col {...half} style={hideTown ? { display: 'none' } : undefined}>
          <Form.Item name="townId" label={f('townId')} hidden={hideTown} rules={[{ required: true, message: t('common.select', { field: hideTown ? f('villageId') : f('townId') }) }]}>
            <Select
              placeholder={t('common.select', { field: f('townId') })}
              loading={towns.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              options={(towns.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item
            name="villageId"
            label={f('villageId')}
            rules={villageScoped ? [{ required: true, message: t('common.select', { field: f('villageId') }) }] : undefined}
          >
            <Select
              allowClear={!villageScoped}
              disabled={!townId}
              placeholder={t('enterprise.form.villageNone')}
              loading={villages.isFetching}
              showSearch={{ optionFilterProp: 'label' }}
              options={(villages.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="address" label={f('address')} rules={[zodRule(shape.address, '')]}>
            <Input maxLength={200} placeholder={t('enterprise.form.addressPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={12} md={12}>
          <Form.Item name="lng" label={f('lng')} rules={[zodRule(shape.lng)]} dependencies={['lat']}>
            <InputNumber style={{ width: '100%' }} min={-180} max={180} precision={6} step={0.000001} inputMode="decimal" />
          </Form.Item>
        </Col>
        <Col xs={12} md={12}>
          <Form.Item name="lat" label={f('lat')} rules={[zodRule(shape.lat)]} dependencies={['lng']}>
            <InputNumber style={{ width: '100%' }} min={-90} max={90} precision={6} step={0.000001} inputMode="decimal" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -12 }}>
            {t('enterprise.form.coordHint')}
          </Typography.Paragraph>
        </Col>
      </Section>

      <Section title={t('enterprise.section.utilities')}>
        <Col {...third}>
          <Form.Item name="powerSource" label={f('powerSource')} rules={[zodRule(shape.powerSource, '')]}>
            <Input maxLength={200} placeholder={t('enterprise.form.powerSourcePlaceholder')} />
          </Form.Item>
        </Col>
        <Col {...third}>
          <Form.Item name="powerAccount" label={f('powerAccount')} rules={[zodRule(shape.powerAccount, '')]}>
            <Input maxLength={100} placeholder={t('enterprise.form.powerAccountPlaceholder')} />
          </Form.Item>
        </Col>
        <Col {...third}>
          <Form.Item name="waterSource" label={f('waterSource')} rules={[zodRule(shape.waterSource, '')]}>
            <AutoComplete
              options={WATER_OPTIONS.map((k) => ({ value: t(k) }))}
              placeholder={t('enterprise.form.waterSourcePlaceholder')}
              maxLength={200}
              allowClear
            />
          </Form.Item>
        </Col>
      </Section>

      <Section title={t('enterprise.section.land')}>
        <Col {...third}>
          <Form.Item name="landType" label={f('landType')} rules={[zodRule(shape.landType, '')]}>
            <Input maxLength={100} placeholder={t('enterprise.form.landTypePlaceholder')} />
          </Form.Item>
        </Col>
        <Col {...third}>
          <Form.Item name="landOwner" label={f('landOwner')} rules={[zodRule(shape.landOwner, '')]}>
            <Input maxLength={100} placeholder={t('enterprise.form.landOwnerPlaceholder')} />
          </Form.Item>
        </Col>
        <Col {...third}>
          <Form.Item name="landLease" label={f('landLease')} rules={[zodRule(shape.landLease, '')]}>
            <Input maxLength={200} placeholder={t('enterprise.form.landLeasePlaceholder')} />
          </Form.Item>
        </Col>
        {(['licenceBusiness', 'licenceEia', 'licenceLand'] as const).map((name) => (
          <Col {...third} key={name}>
            <Form.Item name={name} label={f(name)}>
              <Radio.Group optionType="button" buttonStyle="solid" options={LICENCE_ORDER.map((l) => ({ value: l, label: label.licence(l) }))} />
            </Form.Item>
          </Col>
        ))}
      </Section>

      <Section title={t('enterprise.section.production')}>
        <Col xs={24}>
          <Form.Item name="productionStatus" label={f('productionStatus')}>
            <Radio.Group optionType="button" buttonStyle="solid" options={PRODUCTION_STATUSES.map((p) => ({ value: p, label: label.production(p) }))} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="rawMaterials" label={f('rawMaterials')} rules={[zodRule(shape.rawMaterials, '')]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('enterprise.form.rawMaterialsPlaceholder')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="notes" label={f('notes')} rules={[zodRule(shape.notes, '')]}>
            <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('enterprise.form.notesPlaceholder')} />
          </Form.Item>
        </Col>
      </Section>

      <Section title={t('exports.section.responsible')}>
        {(['villageHead', 'townHead', 'departmentHead'] as const).map((name) => (
          <Col key={name} {...third}>
            <Form.Item name={name} label={f(name)} rules={[zodRule(shape[name], '')]}>
              <Input maxLength={50} placeholder={t('exports.responsibleHint')} />
            </Form.Item>
          </Col>
        ))}
      </Section>
      {footer}
    </Form>
  );
}
