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
