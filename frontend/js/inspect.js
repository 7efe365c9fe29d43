// The inspection page (一线督战): an inspector on site picks the project (by name or code, or the nearest),
// and records when, where (the phone's position, with its distance to the project's geometry, flagged
// beyond 500 m), the progress, photos and the problems found. The visit is first kept in the browser's
// queue (inspect-queue.js) and then sent; without a network it stays there, and is sent when the
// network returns or the page is opened again. The server dedupes by the form's clientKey.
import { CATEGORIES, distanceText } from './inspect-texts.js';
import { showAccount } from './account.js';
import { distanceTo } from './distance.js';
import { featureName, lang, t, translatePage, tv } from './i18n.js';
import { Refused, enqueue, flush, send, waiting } from './inspect-queue.js';
import { currentSearch, write } from './state.js';
import { escapeHtml, fetchJson, showError } from './util.js';

/** Beyond this distance from the project's geometry a visit is flagged (as the server flags it). */
const FAR_METRES = 500;
const LIST_SIZE = 8;
const RETRY_MS = 20000;

const form = document.getElementById('visit');
const el = (id) => document.getElementById(id);
let projects = [];
let departments = null;
let chosen = null;
let position = null;
let clientKey = null;
let photos = [];
let watch = null;

translatePage();
document.title = t('inspectTitle');
setUpLanguage();
start().catch((error) => {
  showError(error);
  document.body.dataset.loaded = 'error';
});

async function start() {
  const me = await showAccount();
  if (!me.signedIn) {
    el('sign-in-first').hidden = false;
    document.body.dataset.loaded = 'true';
    return;
  }
  const [list, known] = await Promise.all([fetchJson('/api/projects?limit=10000'), loadDepartments()]);
  projects = list.features;
  departments = known;
  wireForm();
  newVisit();
  const wanted = new URLSearchParams(location.search).get('project');
  if (wanted && projects.some((p) => p.id === wanted)) choose(wanted);
  form.hidden = false;
  locate();
  window.addEventListener('online', () => sendWaiting().catch(showError));
  // A network that fails while the phone believes it is online fires no online event: retry now and then.
  setInterval(() => { if (navigator.onLine && Number(document.body.dataset.queue) > 0) sendWaiting().catch(showError); }, RETRY_MS);
  await showQueue();
  if (navigator.onLine) await sendWaiting();
  document.body.dataset.loaded = 'true';
}

/**
 * The configured departments, in the order the server offers them: the dashboard's problems by department
 * name every one. Null when that does not answer (the field then takes any text, and the server checks it).
 */
async function loadDepartments() {
  try {
    const rows = (await fetchJson('/api/dashboard/problems')).figures.problems_by_department.rows;
    return rows.length ? rows.map((r) => r.department) : null;
  } catch (error) {
    return null;
  }
}

function wireForm() {
  el('project-search').addEventListener('input', () => listProjects());
  el('project-nearest').addEventListener('click', () => {
    el('project-search').value = '';
    if (!position) locate();
    listProjects();
  });
  el('project-list').addEventListener('click', (e) => {
    const button = e.target.closest('button[data-project]');
    if (button) choose(button.dataset.project);
  });
  el('project-change').addEventListener('click', () => choose(null));
  el('locate').addEventListener('click', () => locate());
  el('progress-percent').addEventListener('input', showPercent);
  el('photos').addEventListener('change', () => {
    photos.push(...el('photos').files);
    el('photos').value = '';
    showPhotos();
  });
  el('previews').addEventListener('click', (e) => {
    const button = e.target.closest('button[data-photo]');
    if (button) {
      photos.splice(Number(button.dataset.photo), 1);
      showPhotos();
    }
  });
  el('add-problem').addEventListener('click', () => addProblem());
  el('problems').addEventListener('click', (e) => {
    const button = e.target.closest('.remove-problem');
    if (button) {
      button.closest('fieldset').remove();
      numberProblems();
    }
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit().catch((error) => result(error.message, 'error'));
  });
}

/** A fresh form: a new clientKey (the visit's identity for the server's dedupe), now as the time. */
function newVisit() {
  clientKey = uuid();
  form.dataset.clientKey = clientKey;
  const now = new Date();
  el('visited-at').value = new Date(now.getTime() - now.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  el('progress-text').value = '';
  el('progress-percent').value = 0;
  showPercent();
  photos = [];
  showPhotos();
  el('problems').innerHTML = '';
}

function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // crypto.randomUUID needs a secure context; an intranet server on plain HTTP still has getRandomValues.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
}

function projectById(id) {
  return projects.find((p) => p.id === id) || null;
}

/** The projects matching the search (name or code), or without a search the nearest to the phone. */
function listProjects() {
  const q = el('project-search').value.trim().toLowerCase();
  let found;
  if (q) {
    found = projects.filter((p) => [p.id, p.properties.name_zh, p.properties.name_en]
      .some((v) => v && String(v).toLowerCase().includes(q)));
  } else if (position) {
    found = projects.map((p) => ({ p, d: distanceTo(position.lon, position.lat, p.geometry) }))
      .sort((a, b) => a.d - b.d).map((x) => x.p);
  } else {
    found = [];
  }
  const items = found.slice(0, LIST_SIZE).map((p) => {
    const d = position ? distanceTo(position.lon, position.lat, p.geometry) : null;
    return '<li><button type="button" class="pick" data-project="' + escapeHtml(p.id) + '"><span class="pick-name">'
      + escapeHtml(featureName(p.properties) || p.id) + '</span><span class="pick-detail">' + escapeHtml(p.id)
      + ' · ' + escapeHtml(tv(p.properties.stage)) + (d === null ? '' : ' · ' + escapeHtml(distanceText(d, t))) + '</span></button></li>';
  });
  el('project-list').innerHTML = items.length ? items.join('')
    : (q ? '<li class="hint">' + escapeHtml(t('inspectNoMatch')) + '</li>' : '');
}

function choose(id) {
  chosen = id ? projectById(id) : null;
  el('project-chosen').hidden = !chosen;
  el('project-picker').hidden = Boolean(chosen);
  if (chosen) {
    el('project-name').textContent = featureName(chosen.properties) || chosen.id;
    el('project-code').textContent = chosen.id + ' · ' + tv(chosen.properties.stage);
    write({ project: chosen.id });
  } else {
    el('project-search').focus();
    listProjects();
    write({ project: null });
  }
  showDistance();
}

/** Follows the phone's position (GPS where there is one) for as long as the page is open. */
function locate() {
  if (!navigator.geolocation) {
    el('position').textContent = t('noGeolocation');
    return;
  }
  el('position').textContent = t('locating');
  if (watch !== null) navigator.geolocation.clearWatch(watch);
  watch = navigator.geolocation.watchPosition((p) => {
    position = { lon: p.coords.longitude, lat: p.coords.latitude, accuracy: p.coords.accuracy };
    el('position').textContent = position.lat.toFixed(5) + ', ' + position.lon.toFixed(5) + ' '
      + t('accuracy', { n: Math.round(position.accuracy) });
    showDistance();
    if (!chosen && !el('project-search').value) listProjects();
  }, (error) => {
    el('position').textContent = t('noPosition') + error.message;
  }, { enableHighAccuracy: true, maximumAge: 30000, timeout: 30000 });
}

function showDistance() {
  const out = el('distance');
  if (!chosen || !position) {
    out.textContent = '';
    out.className = '';
    delete document.body.dataset.distance;
    return;
  }
  const d = distanceTo(position.lon, position.lat, chosen.geometry);
  const far = d > FAR_METRES;
  out.textContent = d === 0 ? t('onSite') : t('distanceTo', { d: distanceText(d, t) }) + (far ? ' · ' + t('farFlag') : '');
  out.className = far ? 'far' : 'near';
  document.body.dataset.distance = String(Math.round(d));
}

function showPercent() {
  el('percent-shown').textContent = el('progress-percent').value + '%';
}

function showPhotos() {
  el('previews').querySelectorAll('img').forEach((img) => URL.revokeObjectURL(img.src));
  el('previews').innerHTML = photos.map((f, i) => '<li><img alt="' + escapeHtml(f.name) + '" src="'
    + URL.createObjectURL(f) + '"><button type="button" data-photo="' + i + '" aria-label="' + escapeHtml(t('removePhoto'))
    + '" title="' + escapeHtml(t('removePhoto')) + '">×</button></li>').join('');
  document.body.dataset.photos = String(photos.length);
}

function addProblem() {
  const options = (values, show) => values.map((v) => '<option value="' + escapeHtml(v) + '">' + escapeHtml(show(v)) + '</option>').join('');
  const week = new Date(Date.now() + 14 * 86400000).toISOString().slice(0, 10);
  const department = departments
    ? '<select name="department" required>' + options(departments, (d) => d) + '</select>'
    : '<input type="text" name="department" maxlength="100" required>';
  const box = document.createElement('fieldset');
  box.className = 'problem';
  box.innerHTML = '<legend></legend>'
    + '<label><span>' + escapeHtml(t('problemCategory')) + '</span> <select name="category">' + options(CATEGORIES, tv) + '</select></label>'
    + '<label><span>' + escapeHtml(t('problemDescription')) + '</span> <textarea name="description" rows="2" maxlength="2000" required></textarea></label>'
    + '<label><span>' + escapeHtml(t('department')) + '</span> ' + department + '</label>'
    + '<label><span>' + escapeHtml(t('dueDate')) + '</span> <input type="date" name="dueDate" value="' + week + '" required></label>'
    + '<button type="button" class="remove-problem small-button">' + escapeHtml(t('removeProblem')) + '</button>';
  el('problems').appendChild(box);
  numberProblems();
  box.querySelector('textarea').focus();
}

function numberProblems() {
  el('problems').querySelectorAll('fieldset.problem legend').forEach((legend, i) => {
    legend.textContent = t('problemsFound') + ' ' + (i + 1);
  });
}

/** The visit as the server takes it (the JSON part of the multipart POST). */
function visitJson() {
  const problems = [...el('problems').querySelectorAll('fieldset.problem')].map((box) => ({
    category: box.querySelector('[name=category]').value,
    description: box.querySelector('[name=description]').value.trim(),
    department: box.querySelector('[name=department]').value.trim(),
    dueDate: box.querySelector('[name=dueDate]').value || null
  }));
  return {
    projectId: chosen.id,
    visitedAt: new Date(el('visited-at').value).toISOString(),
    lon: position ? Number(position.lon.toFixed(7)) : null,
    lat: position ? Number(position.lat.toFixed(7)) : null,
    progressText: el('progress-text').value.trim(),
    progressPercent: Number(el('progress-percent').value),
    clientKey,
    problems
  };
}

/**
 * Keeps the visit in the queue first (so nothing is lost if the tab closes while sending), then sends the
 * queue. The form starts afresh once the visit is stored or queued; a refusal leaves it filled to correct.
 */
async function submit() {
  if (!chosen) {
    result(t('inspectPickFirst'), 'error');
    el('project-search').focus();
    return;
  }
  if (!form.reportValidity()) return;
  const entry = { clientKey, queuedAt: Date.now(), projectName: featureName(chosen.properties) || chosen.id,
    visit: visitJson(), photos: [...photos] };
  el('submit').disabled = true;
  try {
    try {
      await enqueue(entry);
    } catch (noStorage) {
      // A browser without IndexedDB (or with it switched off) can still send while online; the form stays filled until then.
      await sendNow(entry);
      return;
    }
    if (!navigator.onLine) {
      queued();
      return;
    }
    result(t('sending'), 'note');
    let outcome = null;
    await sendWaiting((e, stored, refusal) => {
      if (e.clientKey === entry.clientKey) outcome = { stored, refusal };
    });
    if (outcome && outcome.stored) {
      newVisit();
    } else if (outcome && outcome.refusal instanceof Refused) {
      // Refused for good: the form stays filled to be corrected. Refused for now (an expired sign-in): it
      // waits in the queue, and the page says why.
      if (!outcome.refusal.permanent) newVisit();
    } else {
      queued();
    }
  } finally {
    el('submit').disabled = false;
  }
}

async function sendNow(entry) {
  result(t('sending'), 'note');
  const stored = await send(entry);
  document.body.dataset.lastSent = String(stored.id);
  result(t('visitSent', { project: entry.projectName, time: new Date(stored.visitedAt).toLocaleString(lang) }), 'sent');
  newVisit();
}

function queued() {
  result(t('savedOffline'), 'queued');
  newVisit();
  showQueue();
}

/** Sends what waits in the queue, reporting each outcome; also tells the caller (submit) about each. */
async function sendWaiting(also) {
  if ((await waiting()).length === 0) return;
  await flush((entry, stored, refusal) => {
    if (stored) {
      document.body.dataset.sent = String(Number(document.body.dataset.sent || 0) + 1);
      document.body.dataset.lastSent = String(stored.id);
      const far = stored.far || stored.distanceM > FAR_METRES;
      result(far ? t('visitSentFar', { d: distanceText(stored.distanceM, t) })
        : t('visitSent', { project: entry.projectName, time: new Date(stored.visitedAt).toLocaleString(lang) }), far ? 'error' : 'sent');
    } else if (refusal && refusal.permanent) {
      result(t('queueRefused', { project: entry.projectName, reason: refusal.message }), 'error');
    } else if (refusal && (refusal.status === 401 || refusal.status === 403)) {
      result(t('queueSignIn'), 'error');
    } else if (refusal instanceof Refused) {
      result(t('savedOffline'), 'queued');
    }
    if (also) also(entry, stored, refusal);
  });
  await showQueue();
}

async function showQueue() {
  const n = (await waiting()).length;
  el('queue').hidden = n === 0;
  el('queue').textContent = t('queueCount', { n });
  document.body.dataset.queue = String(n);
}

/** The outcome line above the form: kind is note, sent, queued or error. */
function result(text, kind) {
  const out = el('result');
  out.hidden = !text;
  out.textContent = text;
  out.className = 'result-note ' + kind;
  document.body.dataset.result = kind;
}

function setUpLanguage() {
  const button = el('lang');
  button.textContent = t('other');
  button.addEventListener('click', () => {
    write({ lang: lang === 'en' ? null : 'en' });
    location.search = currentSearch();
  });
}
