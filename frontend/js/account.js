// The header's account link: "sign in" for the public, the user name (and roles) once signed in;
// both lead to /login, which also signs out. Administrators also get the users screen's link.
// The map itself shows whatever the server allows.
import { fetchJson } from './util.js';

/** Shows who is signed in and answers the server's /api/me (audience included). */
export async function showAccount() {
  const link = document.getElementById('account');
  const me = await fetchJson('/api/me');
  if (me.signedIn) {
    link.textContent = me.username;
    link.title = me.roles.join(', ');
  }
  // The users screen, for administrators only (its API refuses everyone else anyway).
  const admin = document.getElementById('admin-link');
  if (admin) admin.hidden = !me.roles.includes('ADMIN');
  return me;
}
