// The daily report's chart: % shut by town as a bar chart, drawn on the server with ECharts' SVG
// renderer (no browser, no canvas) and rasterised to PNG with sharp, for the Word document.
import * as echarts from 'echarts';
import sharp from 'sharp';

/** The CJK face installed with fonts-noto-cjk; Latin glyphs come from it too. */
const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', sans-serif";

export interface ChartBar {
  name: string;
  percent: number;
}

/** The chart as SVG text (`width` × `height` px). */
export function shutRateChartSvg(bars: readonly ChartBar[], opts: { title: string; width: number; height: number }): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: opts.width, height: opts.height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT },
      title: { text: opts.title, left: 'center', top: 8, textStyle: { fontFamily: FONT, fontSize: 18, fontWeight: 'bold' } },
      grid: { left: 56, right: 24, top: 56, bottom: bars.length > 6 ? 72 : 48 },
      xAxis: {
        type: 'category',
        data: bars.map((b) => b.name),
        axisLabel: { fontFamily: FONT, fontSize: 13, interval: 0, rotate: bars.length > 6 ? 30 : 0 },
      },
      yAxis: { type: 'value', min: 0, max: 100, interval: 20, axisLabel: { fontFamily: FONT, fontSize: 12, formatter: '{value}%' } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 48,
          data: bars.map((b) => ({ value: b.percent, itemStyle: { color: b.percent >= 100 ? '#389e0d' : b.percent >= 60 ? '#1677ff' : '#d4380d' } })),
          label: { show: true, position: 'top', fontFamily: FONT, fontSize: 12, formatter: '{c}%' },
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The chart as PNG bytes, at `scale` times the SVG's pixel size (sharp renders the SVG at `72 × scale` dpi). */
export async function shutRateChartPng(bars: readonly ChartBar[], opts: { title: string; width: number; height: number; scale?: number }): Promise<Buffer> {
  const svg = shutRateChartSvg(bars, opts);
  return sharp(Buffer.from(svg), { density: 72 * (opts.scale ?? 2) }).png().toBuffer();
}
