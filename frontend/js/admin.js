// The users screen: lists the users (/api/admin/users) and lets an administrator create one, change
// roles, disable or enable, reset a password, revoke every API token and lift a sign-in pause. The
// server checks every rule (roles, password strength, not disabling oneself); its refusals are shown.
import { showAccount } from './account.js';
import { lang, t, translatePage } from './i18n.js';
import { csrfHeader, escapeHtml, fetchJson, showError, showMessage } from './util.js';
import { currentSearch, write } from './state.js';

const ROLES = ['PLANNER', 'LAND_STAFF', 'INSPECTOR', 'ADMIN'];
const tbody = document.querySelector('#users tbody');

translatePage();
document.getElementById('lang').textContent = t('other');
document.getElementById('lang').addEventListener('click', () => {
  write({ lang: lang === 'en' ? null : 'en' });
  location.search = currentSearch();
});
document.getElementById('new-roles').innerHTML = roleChecks('new', []);
document.getElementById('create-user').addEventListener('submit', (e) => {
  e.preventDefault();
  create().catch(showError);
});
tbody.addEventListener('click', (e) => {
  const button = e.target.closest('button[data-action]');
  if (button) act(button.dataset.action, button.closest('tr')).catch(showError);
});

start().catch((error) => {
  showError(error);
  document.body.dataset.loaded = 'error';
});

async function start() {
  const me = await showAccount();
  if (!me.roles.includes('ADMIN')) {
    document.getElementById('admin-only').hidden = false;
  } else {
    document.getElementById('users-section').hidden = false;
    await list();
  }
  document.body.dataset.loaded = 'true';
}

async function list() {
  const users = await fetchJson('/api/admin/users');
  tbody.innerHTML = users.map((u) => '<tr data-user="' + escapeHtml(u.username) + '" data-enabled="' + u.enabled + '">'
    + '<th scope="row">' + escapeHtml(u.username) + '</th>'
    + '<td class="roles"><div class="checks">' + roleChecks(u.username, u.roles) + '</div></td>'
    + '<td class="state" data-label="' + escapeHtml(t('userState')) + '">' + escapeHtml(t(u.enabled ? 'enabled' : 'disabled')) + '</td>'
    + '<td class="tokens" data-label="' + escapeHtml(t('tokens')) + '">' + u.tokens + '</td>'
    + '<td class="buttons">'
    + button('save', 'saveRoles') + button('toggle', u.enabled ? 'disable' : 'enable')
    + '<input type="password" class="new-password" autocomplete="new-password" aria-label="' + escapeHtml(t('newPassword'))
    + '" placeholder="' + escapeHtml(t('newPassword')) + '">' + button('password', 'resetPassword')
    + button('revoke', 'revokeTokens') + button('unlock', 'unlock') + '</td></tr>').join('');
  document.body.dataset.users = String(users.length);
}

function button(action, label) {
  return '<button type="button" data-action="' + action + '">' + escapeHtml(t(label)) + '</button>';
}

function roleChecks(prefix, held) {
  return ROLES.map((r) => '<label class="check"><input type="checkbox" name="' + escapeHtml(prefix) + '-role" value="' + r + '"'
    + (held.includes(r) ? ' checked' : '') + '> ' + escapeHtml(t('role.' + r)) + '</label>').join('');
}

function checkedRoles(container) {
  return [...container.querySelectorAll('input[type=checkbox]:checked')].map((c) => c.value);
}

/** Sends an administrative request; a refusal (problem+json) is shown and answers null. */
async function send(method, url, body) {
  const headers = { Accept: 'application/json', ...(await csrfHeader()) };
  if (body) headers['Content-Type'] = 'application/json';
  const r = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
  const answer = r.status === 204 ? {} : await r.json();
  if (!r.ok) {
    showMessage(t('refused') + (answer.detail || answer.title || 'HTTP ' + r.status), true);
    return null;
  }
  return answer;
}

async function create() {
  const name = document.getElementById('new-username').value.trim();
  const done = await send('POST', '/api/admin/users', {
    username: name,
    password: document.getElementById('new-password').value,
    roles: checkedRoles(document.getElementById('new-roles'))
  });
  if (done) {
    document.getElementById('create-user').reset();
    await list();
    showMessage(t('userCreated', { name }));
  }
}

async function act(action, row) {
  const name = row.dataset.user;
  const url = '/api/admin/users/' + encodeURIComponent(name);
  const roles = checkedRoles(row.querySelector('td.roles'));
  const enabled = row.dataset.enabled === 'true';
  let done;
  let note;
  if (action === 'save') {
    done = await send('PUT', url, { roles, enabled });
    note = t('userSaved', { name });
  } else if (action === 'toggle') {
    done = await send('PUT', url, { roles, enabled: !enabled });
    note = t('userSaved', { name });
  } else if (action === 'password') {
    done = await send('PUT', url, { roles, enabled, password: row.querySelector('.new-password').value });
    note = t('passwordReset', { name });
  } else if (action === 'revoke') {
    done = await send('DELETE', url + '/tokens');
    note = done && t('tokensRevoked', { name, n: done.revoked });
  } else if (action === 'unlock') {
    done = await send('POST', url + '/unlock');
    note = t('userUnlocked', { name });
  }
  if (done) {
    await list();
    showMessage(note);
  }
}
