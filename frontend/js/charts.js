// ECharts bar charts for the dashboard, drawn as SVG so they print sharply. Each chart keeps its
// category keys, so a click on a bar tells which value (stage, zone, town…) it stands for.
import { tv } from './i18n.js';

const charts = [];

/**
 * A bar chart: keys along the x axis (labels shown translated), one or more series of values
 * (stacked when series carry a stack name); onClick(key) when a bar is clicked.
 */
export function barChart(element, { keys, labels, series, yName, y2Name, onClick }) {
  const chart = echarts.init(element, null, { renderer: 'svg' });
  chart.setOption({
    animation: false,
    grid: { left: 48, right: y2Name ? 48 : 12, top: 30, bottom: 58 },
    legend: series.length > 1 ? { top: 0, textStyle: { fontSize: 11 }, itemWidth: 12, itemHeight: 8 } : undefined,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: labels || keys.map(tv), axisLabel: { interval: 0, rotate: keys.length > 5 ? 35 : 0, fontSize: 11 } },
    yAxis: [{ type: 'value', name: yName, nameTextStyle: { fontSize: 11 }, axisLabel: { fontSize: 11 } }]
      .concat(y2Name ? [{ type: 'value', name: y2Name, nameTextStyle: { fontSize: 11 }, axisLabel: { fontSize: 11 }, splitLine: { show: false } }] : []),
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
