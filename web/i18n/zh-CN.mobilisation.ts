// The mobilisation page's menu entry, in the main catalogue (the side menu shows it on every page).
// The page's own strings are in mobilisation.zh-CN.ts, registered when the page loads.
export const mobilisationMessages = {
  'nav.mobilisation': '宣传发动',
} as const;
