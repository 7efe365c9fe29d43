// The sign-in page: asks the server who is signed in and for the CSRF token every form must carry.
const params = new URLSearchParams(location.search);
const message = document.getElementById('message');
if (params.has('error')) {
  message.textContent = '用户名或密码错误 · Wrong user name or password';
  message.className = 'error';
} else if (params.has('logout')) {
  message.textContent = '已退出 · Signed out';
}

const me = await fetch('/api/me', { headers: { Accept: 'application/json' } }).then((r) => r.json());
document.querySelectorAll('input.csrf').forEach((input) => {
  input.name = me.csrf.parameterName;
  input.value = me.csrf.token;
});
if (me.signedIn) {
  document.getElementById('who').textContent = me.username;
  document.getElementById('roles').textContent = me.roles.join(', ');
  document.getElementById('logout').hidden = false;
} else {
  document.getElementById('login').hidden = false;
}
document.body.dataset.loaded = 'true';

// The token is asked for again as the form is sent: an answer to another request (a tile of the page just
// left, say) may have set a new CSRF cookie since the page loaded, and the form must carry the current one.
document.getElementById('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const fresh = await fetch('/api/me', { headers: { Accept: 'application/json' } }).then((r) => r.json());
  const input = form.querySelector('input.csrf');
  input.name = fresh.csrf.parameterName;
  input.value = fresh.csrf.token;
  form.submit();
});
