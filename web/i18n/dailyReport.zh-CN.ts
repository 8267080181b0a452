// Chinese strings of the 日报 card (dashboard and a town's home), registered by ./dailyReport.ts when the card loads.
export const dailyReportMessages = {
  'dashboard.daily.title': '日报',
  'dashboard.daily.date': '日期',
  'dashboard.daily.xlsx': '下载日报（Excel）',
  'dashboard.daily.docx': '下载日报（Word）',
  'dashboard.daily.headline': '共排查 {total} 家，已取缔 {shut} 家（{percent}%），逾期未完成标准项 {overdue} 项，本周反弹 {recurrences} 次。',
  'dashboard.daily.phaseLeft': '当前为{phase}，距截止还剩 {days} 天。',
  'dashboard.daily.phase': '当前为{phase}。',
} as const;
