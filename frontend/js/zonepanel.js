// The zone panel: figures of the selected zone (GET /api/stats/zones/{id}): projects by stage,
// investment, parcel areas by land-use class, with two small charts.
import { asOfQuery } from './chain.js';
import { featureName, t, tv } from './i18n.js';
import { LANDUSE_COLOURS, STAGE_COLOURS, STAGES } from './style.js';
import { escapeHtml, fetchJson, fmt, showError } from './util.js';

export class ZonePanel {
  constructor(onChange) {
    this.onChange = onChange;
    this.select = document.getElementById('zone-select');
    this.body = document.getElementById('zone-stats');
    this.charts = [];
    this.select.addEventListener('change', () => this.show(this.select.value));
  }

  setZones(zones) {
    this.select.innerHTML = '<option value=""></option>' + zones.filter((z) => z.properties.kind !== 'district')
      .map((z) => '<option value="' + escapeHtml(z.id) + '">' + escapeHtml(featureName(z.properties)) + '</option>').join('');
  }

  async show(code) {
    this.select.value = code || '';
    this.charts.forEach((c) => c.dispose());
    this.charts = [];
    this.body.innerHTML = '';
    this.onChange(code);
    if (!code) return;
    let s, echarts;
    try {
      [s, echarts] = await Promise.all([fetchJson('/api/stats/zones/' + encodeURIComponent(code) + asOfQuery('?')),
        import('./echarts-loader.js').then((m) => m.loadEcharts())]);
    } catch (error) {
      showError(error);
      return;
    }
    const dl = (rows) => '<dl class="figures">' + rows.map(([k, v]) => '<dt>' + escapeHtml(k) + '</dt><dd>' + escapeHtml(v) + '</dd>').join('') + '</dl>';
    this.body.innerHTML = '<h3>' + escapeHtml(featureName(s.zone)) + '</h3>' + dl([
      [t('area'), fmt(s.zone.area_mu, 1) + ' ' + t('mu') + ' / ' + fmt(s.zone.area_ha, 2) + ' ' + t('ha')],
      [t('zoneProjects'), String(s.projects.count)],
      [t('zoneInvestment'), fmt(s.projects.investment_wan, 0)],
      [t('zoneParcels'), s.parcels.count + ' · ' + fmt(s.parcels.area_mu, 1) + ' ' + t('mu')]
    ]) + '<div class="chart" id="chart-stage" role="img" aria-label="' + escapeHtml(t('byStage')) + '"></div>'
      + '<div class="chart" id="chart-landuse" role="img" aria-label="' + escapeHtml(t('landuseArea')) + '"></div>';
    const byStage = Object.fromEntries(s.projects.by_stage.map((x) => [x.stage, x.count]));
    const stages = STAGES.filter((st) => byStage[st] !== undefined);
    this.chart(echarts, 'chart-stage', {
      title: { text: t('byStage'), textStyle: { fontSize: 12 } },
      grid: { left: 40, right: 10, top: 30, bottom: 30 },
      xAxis: { type: 'category', data: stages.map(tv), axisLabel: { fontSize: 10 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: stages.map((st) => ({ value: byStage[st], itemStyle: { color: STAGE_COLOURS[st] } })) }]
    });
    this.chart(echarts, 'chart-landuse', {
      title: { text: t('landuseArea'), textStyle: { fontSize: 12 } },
      tooltip: { trigger: 'item', formatter: (p) => escapeHtml(p.name) + ': ' + fmt(p.value, 1) + ' ' + t('mu') },
      series: [{ type: 'pie', radius: ['30%', '65%'], top: 20, label: { fontSize: 10 },
        data: s.parcels.by_landuse.map((l) => ({ name: tv(l.name), value: Number(l.area_mu), itemStyle: { color: LANDUSE_COLOURS[l.code] } })) }]
    });
  }

  chart(echarts, id, option) {
    const chart = echarts.init(document.getElementById(id), null, { renderer: 'svg' });
    chart.setOption(option);
    this.charts.push(chart);
  }
}
