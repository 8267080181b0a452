// 日报: pick a day (today by default) and download the report as Excel or Word; the headline figures
// of that day's report are shown beside the buttons.
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Flex, Typography } from 'antd';
import { useState } from 'react';
import { dailyReportUrl, useDailyFigures } from '../api/dailyReport.js';
import { pickerToday, pickerValue } from '../format.js';
import { t } from '../i18n/index.js';
import '../i18n/dailyReport.js';

export function DailyReportCard() {
  const [day, setDay] = useState(pickerToday());
  const date = pickerValue(day);
  const figures = useDailyFigures(date);
  const f = figures.data;
  return (
    <Card title={t('dashboard.daily.title')} size="small" className="section-card" id="daily-report-card">
      <Flex wrap gap={8} align="center">
        <span>{t('dashboard.daily.date')}</span>
        <DatePicker
          id="daily-report-date"
          inputReadOnly
          allowClear={false}
          value={day}
          onChange={(d) => d && setDay(d)}
          disabledDate={(d) => d.isAfter(pickerToday(), 'day')}
        />
        <Button icon={<FileExcelOutlined />} href={dailyReportUrl(date, 'xlsx')} download id="daily-report-xlsx">
          {t('dashboard.daily.xlsx')}
        </Button>
        <Button icon={<FileWordOutlined />} href={dailyReportUrl(date, 'docx')} download id="daily-report-docx">
          {t('dashboard.daily.docx')}
        </Button>
      </Flex>
      {f && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} id="daily-report-headline">
          {t('dashboard.daily.headline', { total: f.totals.total, shut: f.totals.shut, percent: f.totals.shutPercent, overdue: f.totals.overdueItems, recurrences: f.recurrences.count })}
          {f.phase &&
            (f.phase.daysLeft !== null && f.phase.daysLeft >= 0
              ? t('dashboard.daily.phaseLeft', { phase: f.phase.name, days: f.phase.daysLeft })
              : t('dashboard.daily.phase', { phase: f.phase.name }))}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
