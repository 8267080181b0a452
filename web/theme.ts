import type { ThemeConfig } from 'antd';

/** A sober government blue; system Chinese fonts first. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f4e99',
    colorInfo: '#1f4e99',
    borderRadius: 6,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: '#ffffff', headerHeight: 56, headerPadding: '0 16px', siderBg: '#0b2545', bodyBg: '#f0f2f5', footerBg: 'transparent' },
    Menu: { darkItemBg: '#0b2545', darkSubMenuItemBg: '#0b2545', darkItemSelectedBg: '#1f4e99' },
  },
};
