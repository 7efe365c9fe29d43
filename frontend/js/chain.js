// The project chain (项目链) in the web map: the date the projects are shown as of (a slider and a date
// field, kept in the address as asOf=YYYY-MM-DD; the right end is "now") and each project's timeline in
// its popup, from GET /api/projects/{id}/chain: transitions, planned against actual dates, what is overdue.
import { t, tv } from './i18n.js';
import { write } from './state.js';
import { STAGE_COLOURS } from './style.js';
import { csrfHeader, escapeHtml, fetchJson, showMessage } from './util.js';

/** The slider's left end: the shipped history begins in December 2019; the date field goes further back. */
const FIRST = '2019-12-01';
const DAY = 86400000;

/** Today in the district (UTC+8), the day the server's history ends. */
function today() {
  return new Date(Date.now() + 8 * 3600000).toISOString().slice(0, 10);
}

function valid(text) {
  return /^\d{4}-\d{2}-\d{2}$/.test(text || '') && text <= today() ? text : null;
}

let asOf = valid(new URLSearchParams(location.search).get('asOf'));
/** Reloads what the map shows (set by the date control), after a date change or a transition. */
let reload = () => {};

/** The as-of date, or null for now. */
export function asOfDate() {
  return asOf;
}

/** The query parameter to add to a URL that already has a query ('&') or has none ('?'); empty for now. */
export function asOfQuery(separator = '&') {
  return asOf ? separator + 'asOf=' + asOf : '';
}

const days = (date) => Math.round((Date.parse(date) - Date.parse(FIRST)) / DAY);
const dateOf = (n) => new Date(Date.parse(FIRST) + n * DAY).toISOString().slice(0, 10);

/**
 * The date control (bottom left). onChange(asOf) reloads what the map shows; it runs once the user
 * stops moving the slider for a moment, and the address keeps the date.
 */
export function dateControl(onChange) {
  reload = onChange;
  const control = L.control({ position: 'bottomleft' });
  control.onAdd = () => {
    const max = days(today());
    const div = L.DomUtil.create('div', 'asof');
    div.innerHTML = '<label for="asof-range">' + escapeHtml(t('asOf')) + '</label>'
      + '<input type="range" id="asof-range" min="0" max="' + max + '" step="1">'
      + '<input type="date" id="asof-date" max="' + today() + '" aria-label="' + escapeHtml(t('asOfDate')) + '">'
      + '<button type="button" id="asof-now">' + escapeHtml(t('asOfNow')) + '</button>'
      + '<output id="asof-shown" aria-live="polite"></output>';
    L.DomEvent.disableClickPropagation(div);
    L.DomEvent.disableScrollPropagation(div);
    const range = div.querySelector('#asof-range');
    const field = div.querySelector('#asof-date');
    const shown = div.querySelector('#asof-shown');
    let timer;
    const show = () => {
      range.value = asOf ? Math.max(0, days(asOf)) : max;
      field.value = asOf || '';
      shown.textContent = asOf ? t('asOfShown', { date: asOf }) : t('asOfNowShown');
      div.classList.toggle('past', Boolean(asOf));
      document.body.dataset.asOf = asOf || '';
    };
    const choose = (date, wait) => {
      asOf = date && date < today() ? date : null;
      show();
      write({ asOf });
      clearTimeout(timer);
      timer = setTimeout(() => onChange(asOf), wait);
    };
    range.addEventListener('input', () => choose(Number(range.value) >= max ? null : dateOf(Number(range.value)), 250));
    field.addEventListener('change', () => choose(valid(field.value), 0));
    div.querySelector('#asof-now').addEventListener('click', () => choose(null, 0));
    show();
    return div;
  };
  return control;
}

/** Fills the timeline placeholder of each project popup when it opens. */
export function showTimelines(map) {
  // One submit listener for every move form, however often a popup is rendered: a form can never be
  // submitted without its handler (which would reload the page with the form's fields in the address).
  document.addEventListener('submit', (e) => {
    const form = e.target.closest && e.target.closest('form.chain-move');
    if (!form) return;
    e.preventDefault();
    if (form.chainData) move(form, form.chainData);
  });
  map.on('popupopen', (e) => {
    const box = e.popup.getElement() && e.popup.getElement().querySelector('.chain[data-project]');
    if (box) {
      // The popup's content is a function that would render it anew: hand it the filled element instead,
      // which also lets Leaflet fit the popup around the timeline.
      const content = box.closest('.popup');
      fillTimeline(box).then(() => { if (e.popup.isOpen()) e.popup.setContent(content); });
    }
  });
}

async function fillTimeline(box) {
  box.innerHTML = '<p class="hint">' + escapeHtml(t('loading')) + '</p>';
  try {
    const chain = await fetchJson('/api/projects/' + encodeURIComponent(box.dataset.project) + '/chain' + asOfQuery('?'));
    box.innerHTML = timelineHtml(chain) + (asOf ? '' : moveFormHtml(chain));
    box.dataset.loaded = 'true';
    const form = box.querySelector('form.chain-move');
    if (form) form.chainData = chain;
  } catch (error) {
    box.innerHTML = '<p class="hint">' + escapeHtml(t('chainFailed') + error.message) + '</p>';
    box.dataset.loaded = 'error';
  }
}

function late(days) {
  if (days === null || days === undefined) return '';
  if (days === 0) return t('onTime');
  return days > 0 ? t('daysLate', { n: days }) : t('daysEarly', { n: -days });
}

/** The chain as HTML: the transitions in order, then each stage's planned and actual date. */
export function timelineHtml(chain) {
  let html = '<h4>' + escapeHtml(t('chain')) + '</h4>';
  if (chain.overdue) {
    html += '<p class="overdue-badge">' + escapeHtml(t('overdueBadge', { stage: tv(chain.overdue.stage), n: chain.overdue.days_late })) + '</p>';
  }
  html += '<ol class="timeline">';
  chain.events.forEach((e) => {
    const back = e.from && ['谋划', '前期', '招引', '开工', '竣工'].indexOf(e.to) < ['谋划', '前期', '招引', '开工', '竣工'].indexOf(e.from);
    html += '<li class="event' + (back ? ' back' : '') + '"><span class="dot" style="background:' + (STAGE_COLOURS[e.to] || '#555') + '"></span>'
      + '<time datetime="' + escapeHtml(e.date) + '">' + escapeHtml(e.date) + '</time> <b>' + escapeHtml(tv(e.to)) + '</b>'
      + (back ? ' <span class="back-mark">' + escapeHtml(t('movedBack')) + '</span>' : '');
    if (e.note || e.actor) {
      html += '<div class="event-note">' + escapeHtml(e.note || '') + (e.actor ? ' <span class="actor">— ' + escapeHtml(e.actor) + '</span>' : '') + '</div>';
    }
    html += '</li>';
  });
  html += '</ol><table class="chain-stages"><thead><tr><th scope="col">' + escapeHtml(t('stage')) + '</th><th scope="col">'
    + escapeHtml(t('planned')) + '</th><th scope="col">' + escapeHtml(t('actual')) + '</th><th scope="col"></th></tr></thead><tbody>';
  chain.stages.forEach((s) => {
    const cls = s.overdue ? 'overdue' : s.skipped ? 'skipped' : s.actual ? 'done' : 'todo';
    html += '<tr class="' + cls + '"><th scope="row">' + escapeHtml(tv(s.stage)) + '</th><td>' + escapeHtml(s.planned || '—')
      + '</td><td>' + escapeHtml(s.skipped ? t('skipped') : s.actual || '—') + '</td><td>'
      + escapeHtml(s.overdue ? t('overdueDays', { n: s.days_late }) : late(s.days_late)) + '</td></tr>';
  });
  html += '</tbody></table>';
  if (chain.land_to_start_days !== null && chain.land_to_start_days !== undefined) {
    html += '<p class="land-to-start">' + escapeHtml(t('landToStart', { n: chain.land_to_start_days, date: chain.land_acquired_on })) + '</p>';
  }
  return html;
}

/** For staff, today: the form that records the next transition (the forward moves the server allows). */
function moveFormHtml(chain) {
  if (!chain.allowed || chain.allowed.length === 0) return '';
  return '<form class="chain-move"><h4>' + escapeHtml(t('recordMove')) + '</h4>'
    + '<select name="to" aria-label="' + escapeHtml(t('moveTo')) + '">'
    + chain.allowed.map((s) => '<option value="' + escapeHtml(s) + '">' + escapeHtml(tv(s)) + '</option>').join('') + '</select>'
    + '<input type="date" name="date" required max="' + today() + '" value="' + today() + '" aria-label="' + escapeHtml(t('moveDate')) + '">'
    + '<input type="text" name="note" maxlength="1000" placeholder="' + escapeHtml(t('moveNote')) + '" aria-label="' + escapeHtml(t('moveNote')) + '">'
    + '<button type="submit">' + escapeHtml(t('moveSubmit')) + '</button><p class="chain-error" role="alert"></p></form>';
}

/** Sends the transition (with the version read, so a concurrent change is not overwritten), then reloads the map. */
async function move(form, chain) {
  const error = form.querySelector('.chain-error');
  error.textContent = '';
  try {
    const body = { to: form.elements.to.value, date: form.elements.date.value, note: form.elements.note.value || null };
    await fetchJson('/api/projects/' + encodeURIComponent(chain.id) + '/transitions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'If-Match': '"' + chain.version + '"',
        ...(await csrfHeader()) },
      body: JSON.stringify(body)
    });
    showMessage(t('moved', { stage: tv(body.to), date: body.date }));
    reload(asOf);
  } catch (e) {
    // In the form, and in the status line too: the popup may have closed meanwhile.
    error.textContent = e.message;
    showMessage(e.message, true);
  }
}
