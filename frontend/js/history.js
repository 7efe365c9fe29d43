// The version history of one feature, for its editors: who changed what and when, and a restore
// button per version (restoring writes a new version equal to the chosen one).
import { t } from './i18n.js';
import { escapeHtml, fetchJson } from './util.js';

/** Lists the versions of layer/id in the element; onRestore(version) is called when one is chosen. */
export async function showHistory(element, layer, id, onRestore) {
  element.textContent = t('loading');
  const history = await fetchJson('/api/' + encodeURIComponent(layer) + '/' + encodeURIComponent(id) + '/history');
  if (!history.versions.length) {
    element.innerHTML = '<p class="hint">' + escapeHtml(t('historyEmpty')) + '</p>';
    return;
  }
  const rows = [...history.versions].reverse().map((v) => '<li><span class="history-what">v' + v.version + ' · '
    + escapeHtml(t('action.' + v.action)) + '</span><span class="history-who">' + escapeHtml(v.actor || '') + ' · '
    + escapeHtml(new Date(v.changed_at).toLocaleString()) + '</span>'
    + (v.version < history.version && v.after && !v.after.deleted_at
      ? '<button type="button" class="history-restore" data-version="' + v.version + '">' + escapeHtml(t('restore')) + '</button>' : '')
    + '</li>');
  element.innerHTML = '<h3>' + escapeHtml(t('history')) + '</h3><ol class="history">' + rows.join('') + '</ol>';
  element.querySelectorAll('.history-restore').forEach((b) => b.addEventListener('click', () => onRestore(Number(b.dataset.version))));
}
