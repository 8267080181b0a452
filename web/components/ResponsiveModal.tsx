import { Modal, type ModalProps } from 'antd';
import { useIsPhone } from './useIsPhone.js';

/** A modal that fills the screen width on phones and keeps a comfortable width on desktop. */
export function ResponsiveModal({ width = 560, ...props }: ModalProps) {
  const isPhone = useIsPhone();
  return (
    <Modal
      {...props}
      width={isPhone ? '100vw' : width}
      centered={!isPhone}
      style={isPhone ? { top: 0, maxWidth: '100vw', margin: 0, paddingBottom: 0 } : undefined}
      styles={isPhone ? { container: { borderRadius: 0, minHeight: '100vh' } } : undefined}
      destroyOnHidden
      mask={{ closable: false }}
    />
  );
}
