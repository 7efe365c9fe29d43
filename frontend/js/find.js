// Find and filter: a search box (zone/project names and codes, parcel numbers) and filters for
// stage, category, zone, investment and land-use class, changing the map and the results list together.
import { featureName, t, tv } from './i18n.js';
import { write } from './state.js';
import { CATEGORIES, LANDUSE, PUBLIC_STAGES, STAGE_COLOURS } from './style.js';
import { escapeHtml, fetchJson, showError } from './util.js';

// Parcel numbers look like LQ-FLH-00123; two letters and a dash start a number search.
const PARCEL_NO = /^[A-Za-z]{2}-[A-Za-z0-9-]*$/;
const PARCEL_RESULTS = 20;

export class Finder {
  /**
   * onSelect(layer, id) flies to a result; onFilter() is told after the map changed; stages are those the
   * caller's view holds (the public's: 开工, 竣工), so no filter offers a stage that can never match.
   */
  constructor(overlays, parcels, onSelect, onFilter, stages = PUBLIC_STAGES) {
    this.stages = stages;
    this.overlays = overlays;
    this.parcels = parcels;
    this.onSelect = onSelect;
    this.onFilter = onFilter;
    this.form = document.getElementById('filters');
    this.list = document.getElementById('results');
    this.count = document.getElementById('result-count');
    this.buildControls();
    // Typing waits for a pause, so a parcel number is looked up once, not per keystroke.
    let typing;
    this.form.addEventListener('input', (e) => {
      clearTimeout(typing);
      if (e.target.name === 'q') typing = setTimeout(() => this.apply(), 300);
      else this.apply();
    });
    this.form.addEventListener('submit', (e) => { e.preventDefault(); this.apply(); });
    document.getElementById('clear-filters').addEventListener('click', () => { this.form.reset(); this.apply(); });
  }

  buildControls() {
    const checks = (id, name, values, colours) => {
      document.getElementById(id).innerHTML = values.map((v) => '<label class="check">'
        + '<input type="checkbox" name="' + name + '" value="' + escapeHtml(v) + '">'
        + (colours ? '<i class="swatch round" style="background:' + colours[v] + '"></i>' : '')
        + escapeHtml(tv(v)) + '</label>').join('');
    };
    checks('stage-filter', 'stage', this.stages, STAGE_COLOURS);
    checks('category-filter', 'category', CATEGORIES);
    document.getElementById('landuse-filter').innerHTML = '<option value="">' + escapeHtml(t('allLanduse')) + '</option>'
      + LANDUSE.map(([code, name]) => '<option value="' + code + '">' + code + ' ' + escapeHtml(tv(name)) + '</option>').join('');
  }

  /** Fills the zone list once the zones are loaded. */
  setZones(zones) {
    const select = document.getElementById('zone-filter');
    select.innerHTML = '<option value="">' + escapeHtml(t('allZones')) + '</option>' + zones
      .filter((z) => z.properties.kind !== 'district')
      .map((z) => '<option value="' + escapeHtml(z.id) + '">' + escapeHtml(featureName(z.properties)) + '</option>').join('');
  }

  /** Puts filter values (from the address) into the form. */
  setValues(f) {
    const el = this.form.elements;
    el.q.value = f.q;
    this.form.querySelectorAll('input[name=stage]').forEach((c) => { c.checked = f.stage.includes(c.value); });
    this.form.querySelectorAll('input[name=category]').forEach((c) => { c.checked = f.category.includes(c.value); });
    el.zone.value = f.zone;
    el.invMin.value = f.invMin ?? '';
    el.invMax.value = f.invMax ?? '';
    el.landuse.value = f.landuse;
  }

  values() {
    const el = this.form.elements;
    const checked = (name) => [...this.form.querySelectorAll('input[name=' + name + ']:checked')].map((c) => c.value);
    const number = (input) => (input.value === '' || Number.isNaN(Number(input.value)) ? null : Number(input.value));
    return { q: el.q.value.trim(), stage: checked('stage'), category: checked('category'), zone: el.zone.value,
      invMin: number(el.invMin), invMax: number(el.invMax), landuse: el.landuse.value };
  }

  matchesText(f, q) {
    if (!q) return true;
    const p = f.properties;
    const needle = q.toLowerCase();
    return [f.id, p.name_zh, p.name_en, p.responsible_unit].some((v) => v && String(v).toLowerCase().includes(needle));
  }

  /** Applies the form to the map, the results list and the address. */
  async apply() {
    const f = this.values();
    const projects = this.overlays.projectData.filter((p) => {
      const q = p.properties;
      return (f.stage.length === 0 || f.stage.includes(q.stage))
        && (f.category.length === 0 || f.category.includes(q.category))
        && (!f.zone || q.zone === f.zone)
        && (f.invMin === null || (q.investment_wan ?? 0) >= f.invMin)
        && (f.invMax === null || (q.investment_wan ?? 0) <= f.invMax);
    });
    this.overlays.setProjects(this.overlays.projectData, projects);
    this.parcels.setLanduse(f.landuse);
    const zones = f.q ? this.overlays.zoneData.filter((z) => z.properties.kind !== 'district' && this.matchesText(z, f.q)) : [];
    const results = [...zones.map((z) => ['zones', z]), ...projects.filter((p) => this.matchesText(p, f.q)).map((p) => ['projects', p])];
    write({ q: f.q, stage: f.stage, cat: f.category, zone: f.zone, lu: f.landuse,
      inv: f.invMin === null && f.invMax === null ? null : (f.invMin ?? '') + ',' + (f.invMax ?? '') });
    const token = (this.token = {});
    const parcels = PARCEL_NO.test(f.q) ? await this.findParcels(f.q) : [];
    if (token !== this.token) return;
    results.unshift(...parcels.map((p) => ['parcels', p]));
    this.showResults(results);
    this.onFilter();
  }

  /** Parcels whose number starts with the text, through the OGC API's CQL2 filter (wildcards escaped). */
  async findParcels(prefix) {
    const literal = prefix.toUpperCase().replace(/[\\%_]/g, '\\$&').replace(/'/g, "''");
    const filter = "parcel_no LIKE '" + literal + "%'";
    try {
      const page = await fetchJson('/ogc/collections/parcels/items?limit=' + PARCEL_RESULTS + '&filter=' + encodeURIComponent(filter));
      return page.features;
    } catch (error) {
      showError(error);
      return [];
    }
  }

  showResults(results) {
    this.count.textContent = results.length ? t('resultCount', { n: results.length }) : t('noResults');
    this.list.innerHTML = '';
    results.forEach(([layer, f]) => {
      const li = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'result result-' + layer;
      const name = layer === 'parcels' ? f.id + ' · ' + tv(f.properties.landuse_name) : featureName(f.properties);
      const detail = layer === 'projects' ? tv(f.properties.stage) + ' · ' + tv(f.properties.category)
        : layer === 'zones' ? t('kind.' + f.properties.kind) : t('parcels');
      button.innerHTML = '<span class="result-name">' + escapeHtml(name) + '</span><span class="result-detail">' + escapeHtml(detail) + '</span>';
      button.addEventListener('click', () => this.onSelect(layer, f.id, f));
      li.appendChild(button);
      this.list.appendChild(li);
    });
  }
}
