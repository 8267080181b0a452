import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCoreModule from 'echarts-for-react/esm/core.js';
import type { DashboardTownRow } from '../../../domain/api.js';
import { STATUSES } from '../../../domain/status.js';
import { STATUS_CHART_COLORS } from '../../components/StatusTag.js';
import { esDefault } from '../../esDefault.js';
import { label } from '../../i18n/labels.js';

const ReactEChartsCore = esDefault<typeof ReactEChartsCoreModule.default>(ReactEChartsCoreModule);

echarts.use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

/** Workshops per town, stacked by status. Horizontal bars on phones so town names stay readable. */
export function StatusChart({ towns, horizontal }: { towns: DashboardTownRow[]; horizontal: boolean }) {
  const names = towns.map((r) => r.townName);
  const category = { type: 'category' as const, data: names, axisTick: { show: false }, axisLabel: { interval: 0, fontSize: 12 } };
  const value = { type: 'value' as const, minInterval: 1, splitLine: { lineStyle: { color: '#f0f0f0' } } };
  const option = {
    animation: false,
    color: STATUSES.map((s) => STATUS_CHART_COLORS[s]),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, itemWidth: 12, itemHeight: 12, textStyle: { fontSize: 12 } },
    grid: { left: 8, right: 16, top: horizontal ? 64 : 48, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : { ...category, axisLabel: { ...category.axisLabel, rotate: names.length > 12 ? 30 : 0 } },
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: STATUSES.map((s) => ({
      name: label.status(s),
      type: 'bar' as const,
      stack: 'status',
      barMaxWidth: 36,
      emphasis: { focus: 'series' as const },
      data: towns.map((r) => r.byStatus[s]),
    })),
  };
  const height = horizontal ? Math.max(320, towns.length * 34 + 90) : 380;
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height, width: '100%' }} opts={{ renderer: 'canvas' }} />;
}
