// The batch status change under a parcel query's result (issue #15): the parcels' editors pick a new
// status for every parcel of the result, or the ticked ones, and apply it in one request
// (POST /api/parcels/batch/status), all or none. Each parcel carries the version the query read it at
// (the analysis answers it to editors only), so a parcel changed meanwhile refuses the whole batch.
import { refresh } from './edit.js';
import { t, tv } from './i18n.js';
import { csrfHeader, escapeHtml, fetchJson, showError, showMessage } from './util.js';

export class StatusBatch {
  /** @param rerun runs the query again, so that the panel's figures and versions follow the change */
  constructor(rerun) {
    this.rerun = rerun;
    this.parcels = [];
    this.box = document.getElementById('query-batch');
    this.list = document.getElementById('batch-list');
    this.button = document.getElementById('batch-apply');
    this.list.addEventListener('change', () => this.label());
    this.button.addEventListener('click', () => this.apply());
  }

  /** Offers the change for the result's parcels when the caller may edit them (the parcels then carry versions). */
  async show(result) {
    this.parcels = result.parcels.features;
    const editable = this.parcels.length > 0 && this.parcels.every((f) => Number.isInteger(f.properties.version));
    if (!editable) {
      this.hide();
      return;
    }
    const select = document.getElementById('batch-status');
    if (!select.options.length) {
      const statuses = (await fetchJson('/api/choices')).parcels.status;
      select.innerHTML = statuses.map((s) => '<option value="' + escapeHtml(s) + '">' + escapeHtml(tv(s)) + '</option>').join('');
    }
    document.getElementById('batch-summary').textContent = t('batchParcels', { n: this.parcels.length });
    this.list.innerHTML = this.parcels.map((f) => '<li><label><input type="checkbox" value="' + escapeHtml(f.id) + '"> '
      + escapeHtml(f.id) + ' · ' + escapeHtml(tv(f.properties.status)) + '</label></li>').join('');
    this.label();
    this.box.hidden = false;
  }

  hide() {
    this.box.hidden = true;
    this.parcels = [];
  }

  ticked() {
    return new Set([...this.list.querySelectorAll('input:checked')].map((c) => c.value));
  }

  label() {
    const n = this.ticked().size;
    this.button.textContent = n ? t('batchApplyTicked', { n }) : t('batchApplyAll', { n: this.parcels.length });
  }

  async apply() {
    const ticked = this.ticked();
    const chosen = ticked.size ? this.parcels.filter((f) => ticked.has(f.id)) : this.parcels;
    const status = document.getElementById('batch-status').value;
    this.button.disabled = true;
    document.body.dataset.batch = 'running';
    try {
      const r = await fetch('/api/parcels/batch/status', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(await csrfHeader()) },
        body: JSON.stringify({ status, parcels: chosen.map((f) => ({ id: f.id, version: f.properties.version })) })
      });
      const answer = await r.json();
      if (r.status === 412) {
        await this.rerun();
        showMessage(t('batchStale'), true);
        document.body.dataset.batch = 'stale';
        return;
      }
      if (!r.ok) {
        showMessage(t('batchRefused') + (answer.detail || answer.title), true);
        document.body.dataset.batch = 'refused';
        return;
      }
      await refresh('parcels');
      await this.rerun();
      showMessage(t('batchDone', { n: answer.changed.length, status: tv(status), same: answer.unchanged.length }));
      document.body.dataset.batch = 'done';
    } catch (error) {
      showError(error);
      document.body.dataset.batch = 'error';
    } finally {
      this.button.disabled = false;
    }
  }
}
