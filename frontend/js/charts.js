// ECharts bar charts for the dashboard, drawn as SVG so they print sharply. Each chart keeps its
// category keys, so a click on a bar tells which value (stage, zone, town…) it stands for.
import { tv } from './i18n.js';

const charts = [];

/**
 * A bar chart: keys along the x axis (labels shown translated), series of values named in the
 * legend (stacked when they carry a stack name; on a second y axis with yAxisIndex 1 when twoAxes);
 * onClick(key) when a bar is clicked.
 */
export function barChart(element, { keys, labels, series, twoAxes, onClick }) {
  const chart = echarts.init(element, null, { renderer: 'svg' });
  const shown = labels || keys.map(tv);
  const slanted = shown.length > 4 || shown.some((l) => String(l).length > 8);
  chart.setOption({
    animation: false,
    grid: { left: 48, right: twoAxes ? 48 : 12, top: series.length > 3 ? 44 : 30, bottom: 58 },
    legend: { top: 0, textStyle: { fontSize: 11 }, itemWidth: 12, itemHeight: 8 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: shown,
      axisLabel: { interval: 0, rotate: slanted ? 35 : 0, fontSize: 11, width: 90, overflow: 'truncate' } },
    yAxis: [{ type: 'value', axisLabel: { fontSize: 11 } }]
      .concat(twoAxes ? [{ type: 'value', axisLabel: { fontSize: 11 }, splitLine: { show: false } }] : []),
    series: series.map((s) => ({ type: 'bar', barMaxWidth: 28, emphasis: { focus: 'series' }, cursor: onClick ? 'pointer' : 'default', ...s }))
  });
  if (onClick) {
    chart.on('click', (e) => onClick(keys[e.dataIndex]));
  }
  chart.keys = keys;
  charts.push(chart);
  return chart;
}

/** Redraws every chart at its container's size (after a layout change such as printing). */
export function resizeCharts() {
  charts.forEach((c) => c.resize());
}
