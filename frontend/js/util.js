// Small shared helpers: HTML escaping, number formatting, JSON requests with readable errors.
import { t, lang } from './i18n.js';

export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export function fmt(value, digits) {
  return Number(value).toLocaleString(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Fetches JSON; a failed request rejects with the server's problem detail (or the HTTP status). */
export async function fetchJson(url, options) {
  const r = await fetch(url, { headers: { Accept: 'application/json, application/geo+json' }, ...options });
  if (!r.ok) {
    let detail = 'HTTP ' + r.status;
    try {
      const problem = await r.json();
      detail = problem.detail || problem.title || detail;
    } catch (ignored) {
      // not a problem document: keep the status
    }
    throw new Error(detail);
  }
  return r.json();
}

/** The height of the map the panel covers: on a phone the open panel is a bottom sheet over its lower part (app.css). */
export function bottomSheetHeight() {
  const panel = document.getElementById('panel');
  return panel && getComputedStyle(panel).position === 'absolute' ? panel.offsetHeight : 0;
}

/** Fits bounds in the part of the map in view, above a phone's bottom sheet; never zooms in beyond maxZoom. */
export function fitAboveSheet(map, bounds, maxZoom) {
  map.fitBounds(bounds, { paddingTopLeft: [20, 20], paddingBottomRight: [20, 20 + bottomSheetHeight()], maxZoom, animate: false });
}

let statusTimer;

/** A message in the page's status line; errors stay until the next message, notes fade. */
export function showMessage(text, isError) {
  const status = document.getElementById('status');
  status.textContent = text;
  status.className = text ? (isError ? 'error' : 'note') : '';
  clearTimeout(statusTimer);
  if (text && !isError) {
    statusTimer = setTimeout(() => showMessage(''), 6000);
  }
}

export function showError(error) {
  showMessage(t('failed') + (error && error.message ? error.message : error), true);
}

/** A file download of text made in the browser. */
export function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The header that session writes carry: the XSRF-TOKEN cookie's value in X-XSRF-TOKEN, as the
 * server's CSRF set-up expects. The server sets the cookie on any answer; it is asked for if missing.
 */
export async function csrfHeader() {
  const cookie = () => (document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/) || [])[1];
  if (!cookie()) await fetchJson('/api/me');
  return { 'X-XSRF-TOKEN': decodeURIComponent(cookie() || '') };
}
