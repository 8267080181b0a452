import { AimOutlined } from '@ant-design/icons';
import { App, Button, type FormInstance } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { t } from '../../i18n/index.js';

/**
 * Fills lng/lat from the device's GPS (WGS-84, as the register stores it); with `auto`, once when
 * shown (registering on site, where the phone stands at the workshop).
 */
export function LocateButton({ form, auto = false }: { form: FormInstance; auto?: boolean }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const locate = () => {
    if (!('geolocation' in navigator)) {
      void message.warning(t('enterprise.form.locationUnsupported'));
      return;
    }
    setBusy(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setBusy(false);
        const round = (n: number) => Math.round(n * 1e6) / 1e6;
        form.setFieldsValue({ lng: round(pos.coords.longitude), lat: round(pos.coords.latitude) });
        void form.validateFields(['lng', 'lat']);
        void message.success(t('enterprise.form.locationDone', { accuracy: Math.round(pos.coords.accuracy) }));
      },
      (err) => {
        setBusy(false);
        void message.error(t('enterprise.form.locationFailed', { reason: err.message }));
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };
  const started = useRef(false);
  useEffect(() => {
    if (!auto || started.current) return;
    started.current = true;
    locate();
    // Once per form: `locate` is recreated on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [auto]);
  return (
    <Button icon={<AimOutlined />} onClick={locate} loading={busy} id="use-location">
      {busy ? t('enterprise.form.locating') : t('enterprise.form.useLocation')}
    </Button>
  );
}
