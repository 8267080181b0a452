import { Grid } from 'antd';

/** True below antd's `md` breakpoint (768px): phone layout, drawer menu, vertical forms, cards. */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}
