// The visits waiting to be sent, kept in the browser (IndexedDB) with their photos as Blobs, so that a
// visit recorded without a network survives a closed tab and is sent when the network returns. Each is
// keyed by its clientKey, made when its form was started: the server answers a repeated clientKey with
// the visit it already stored, so sending again after an answer that never arrived makes no second visit.
// An entry leaves the queue only once the server has answered 200 or 201 (stored), or refused it for good.
import { csrfHeader } from './util.js';

const DB = 'luqiao-inspections';
const STORE = 'queue';

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'clientKey' });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Runs fn(store) in one transaction; resolves with its request's result once the transaction is done. */
async function inStore(mode, fn) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request && request.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Keeps a visit: { clientKey, queuedAt, projectName, visit (the JSON part), photos: [File or Blob] }. */
export function enqueue(entry) {
  return inStore('readwrite', (s) => s.put(entry));
}

/** The waiting visits, oldest first. */
export async function waiting() {
  const all = await inStore('readonly', (s) => s.getAll());
  return all.sort((a, b) => a.queuedAt - b.queuedAt);
}

export function remove(clientKey) {
  return inStore('readwrite', (s) => s.delete(clientKey));
}

/** The server's answer to a refusal: a permanent one (bad input, too large) or one that signing in again cures. */
export class Refused extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }

  /** 401, 403 (a session or CSRF token gone stale) and 408, 429 are worth sending again; other 4xx are not. */
  get permanent() {
    return this.status >= 400 && this.status < 500 && ![401, 403, 408, 429].includes(this.status);
  }
}

/**
 * POSTs one visit (multipart: the JSON part "visit" and the "photos"). Resolves with the stored visit on
 * 200/201; rejects with Refused for any other answer, and with the fetch's TypeError when the network
 * fails (nothing is known then: the visit stays queued).
 */
export async function send(entry) {
  const body = new FormData();
  body.append('visit', new Blob([JSON.stringify(entry.visit)], { type: 'application/json' }));
  entry.photos.forEach((photo, i) => body.append('photos', photo, photo.name || 'photo-' + (i + 1) + '.jpg'));
  const r = await fetch('/api/inspections', {
    method: 'POST',
    headers: { Accept: 'application/json', ...(await csrfHeader()) },
    body
  });
  if (r.status === 200 || r.status === 201) return r.json();
  let detail = 'HTTP ' + r.status;
  try {
    const problem = await r.json();
    detail = problem.detail || problem.title || detail;
  } catch (ignored) {
    // not a problem document: keep the status
  }
  throw new Refused(r.status, detail);
}

let flushing = null;
let listeners = [];

/**
 * Sends the waiting visits in order, one at a time. One flush runs at once (the online event, the page's
 * start and a submit may ask together): a later call joins the running one, whose loop also takes visits
 * queued meanwhile. It stops at the first network failure or retryable refusal, leaving that visit and the
 * later ones queued. onEach(entry, stored, refusal) hears each outcome. Resolves with the number left.
 */
export function flush(onEach) {
  listeners.push(onEach);
  flushing = flushing || (async () => {
    const tell = (entry, stored, refusal) => listeners.forEach((l) => l(entry, stored, refusal));
    const tried = new Set();
    try {
      for (;;) {
        const entry = (await waiting()).find((e) => !tried.has(e.clientKey));
        if (!entry) break;
        tried.add(entry.clientKey);
        try {
          const stored = await send(entry);
          await remove(entry.clientKey);
          tell(entry, stored, null);
        } catch (error) {
          const permanent = error instanceof Refused && error.permanent;
          if (permanent) await remove(entry.clientKey);
          tell(entry, null, error);
          if (!permanent) break;
        }
      }
      return (await waiting()).length;
    } finally {
      flushing = null;
      listeners = [];
    }
  })();
  return flushing;
}
