// The import/export tab. Export (everyone, with what the server lets them see): a layer in a format
// and CRS as a file download. Import (signed-in staff): upload → dry-run report with an editable field
// mapping and the rejected rows → commit, all or nothing. The server decides who may import what.
import { t } from './i18n.js';
import { csrfHeader, escapeHtml, fetchJson, showError, showMessage } from './util.js';

const CRS = ['CRS84', 'EPSG:4490', 'EPSG:4549', 'EPSG:4550', 'EPSG:3857'];
const IMPORTERS = { parcels: ['LAND_STAFF', 'ADMIN'], projects: ['PLANNER', 'ADMIN'], zones: ['ADMIN'] };

export class Transfer {
  constructor(me) {
    this.me = me;
    this.fillSelect('export-crs', CRS.map((c) => [c, c]));
    this.fillSelect('import-crs', [['', t('transferFromFile')], ...CRS.map((c) => [c, c])]);
    document.getElementById('export-run').addEventListener('click', () => this.exportFile());
    const layers = Object.keys(IMPORTERS).filter((l) => (me.roles || []).some((r) => IMPORTERS[l].includes(r)));
    const section = document.getElementById('import-section');
    section.hidden = layers.length === 0;
    this.fillSelect('import-layer', layers.map((l) => [l, t(l)]));
    document.getElementById('import-run').addEventListener('click', () => this.upload().catch(showError));
  }

  fillSelect(id, options) {
    document.getElementById(id).innerHTML = options.map(([v, label]) => `<option value="${escapeHtml(v)}">${escapeHtml(label)}</option>`).join('');
  }

  /** The export as a download; the server streams it with the caller's visibility. */
  exportFile() {
    const params = new URLSearchParams({
      format: document.getElementById('export-format').value,
      crs: document.getElementById('export-crs').value,
      encoding: document.getElementById('export-encoding').value
    });
    if (['geojson', 'gpkg', 'xlsx'].includes(params.get('format'))) params.delete('encoding');
    // A worksheet holds the attributes only, so it has no CRS.
    if (params.get('format') === 'xlsx') params.delete('crs');
    const a = document.createElement('a');
    a.href = '/api/export/' + document.getElementById('export-layer').value + '?' + params;
    a.download = '';
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  async upload() {
    const file = document.getElementById('import-file').files[0];
    if (!file) {
      showMessage(t('transferChooseFile'), true);
      return;
    }
    const params = new URLSearchParams({ filename: file.name });
    const crs = document.getElementById('import-crs').value;
    const encoding = document.getElementById('import-encoding').value;
    if (crs) params.set('crs', crs);
    if (encoding) params.set('encoding', encoding);
    const layer = document.getElementById('import-layer').value;
    this.render({ status: 'uploading' });
    let job = await this.send('/api/import/' + layer + '?' + params, 'POST', file, 'application/octet-stream');
    while (job.status === 'reading') {
      this.render(job);
      await new Promise((resolve) => setTimeout(resolve, 500));
      job = await fetchJson('/api/import/' + job.id);
    }
    this.render(job);
  }

  async send(url, method, body, type) {
    const headers = { Accept: 'application/json', ...(await csrfHeader()) };
    if (type) headers['Content-Type'] = type;
    return fetchJson(url, { method, body, headers });
  }

  /** The job's report: what was read, the mapping to edit, the rejected rows, and what can be done next. */
  render(job) {
    const out = document.getElementById('import-report');
    out.dataset.status = job.status;
    if (job.status === 'uploading' || job.status === 'reading') {
      const p = job.progress || {};
      out.innerHTML = `<p>${t('transferReading')} ${p.processed ?? ''}${p.total ? ' / ' + p.total : ''}</p>`;
      return;
    }
    if (job.status === 'failed') {
      out.innerHTML = `<p class="error">${escapeHtml(job.error)}</p>`;
      return;
    }
    const r = job.report;
    const rows = Object.entries(job.mapping).map(([source, target]) => `<tr><td>${escapeHtml(source)}</td><td>`
      + `<select data-source="${escapeHtml(source)}"><option value="">${t('transferSkip')}</option>`
      + job.targets.map((f) => `<option${f === target ? ' selected' : ''}>${escapeHtml(f)}</option>`).join('')
      + '</select></td></tr>').join('');
    const rejected = r.rejected.slice(0, 100).map((x) => `<tr><td>${x.row}</td><td>${escapeHtml(x.id ?? '')}</td>`
      + `<td>${escapeHtml(x.reason)}</td></tr>`).join('');
    out.innerHTML = `<p>${escapeHtml(job.format)} · ${escapeHtml(job.crs)} · ${escapeHtml(job.encoding)}</p>`
      + `<p id="import-counts">${t('transferRead')} ${r.read} · ${t('transferAccepted')} ${r.accepted} · ${t('transferRejected')} ${r.rejectedCount}</p>`
      + `<table class="mapping"><thead><tr><th>${t('transferSource')}</th><th>${t('transferTarget')}</th></tr></thead><tbody>${rows}</tbody></table>`
      + (rejected ? `<table class="rejected"><thead><tr><th>#</th><th>id</th><th>${t('transferReason')}</th></tr></thead><tbody>${rejected}</tbody></table>` : '')
      + (job.status === 'committed' ? `<p class="done">${t('transferDone')} ${job.imported}</p>`
        : `<div class="buttons"><button type="button" id="import-commit">${t('transferCommit')}</button>`
          + `<button type="button" id="import-cancel">${t('transferCancel')}</button></div>`);
    if (job.status !== 'ready') return;
    document.getElementById('import-commit').addEventListener('click', () => this.commit(job).catch(showError));
    document.getElementById('import-cancel').addEventListener('click', () => this.send('/api/import/' + job.id, 'DELETE')
      .catch(() => null).then(() => { out.innerHTML = ''; }));
  }

  async commit(job) {
    const mapping = {};
    document.querySelectorAll('#import-report select[data-source]').forEach((s) => { mapping[s.dataset.source] = s.value || null; });
    const r = await fetch('/api/import/' + job.id + '/commit', {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...(await csrfHeader()) },
      body: JSON.stringify({ mapping })
    });
    const answer = await r.json();
    if (r.status === 422) {
      this.render({ ...job, mapping, report: { read: job.report.read, accepted: 0, rejectedCount: answer.rejectedCount, rejected: answer.rejected } });
      showMessage(answer.detail, true);
      return;
    }
    if (!r.ok) throw new Error(answer.detail || 'HTTP ' + r.status);
    this.render(answer);
    showMessage(t('transferDone') + ' ' + answer.imported);
    // The editing module is fetched only when needed: anonymous visitors never load it.
    await (await import('./edit.js')).refresh(answer.layer);
  }
}
