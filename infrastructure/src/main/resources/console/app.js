// The console's shell: who is signed in, the sections their role has, and which screen shows.
// Screens live in one module per role; routes are URL fragments (#/brand/products/p_…), so the
// static files need no server-side routing anywhere they are hosted.
import * as session from './session.js';
import { h, replace, toast } from './ui.js';
import { completeHostedSignIn, signInView } from './signin.js';
import * as brand from './brand.js';
import * as host from './host.js';
import * as finance from './finance.js';
import * as operator from './operator.js';

const ROLES = { brand, host, finance, operator };
const ROLE_NAMES = { brand: 'Brand', host: 'Host', finance: 'Finance', operator: 'Operator' };

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const who = document.getElementById('who');

function parts() {
  return window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

export function go(hash) {
  if (window.location.hash === hash) render();
  else window.location.hash = hash;
}

function renderHeader(current) {
  if (!current) {
    replace(who);
    replace(nav);
    nav.hidden = true;
    return;
  }
  replace(who,
    h('span', { class: 'who-role' }, ROLE_NAMES[current.role] || current.role),
    h('span', { class: 'who-party', title: current.party, 'data-test': 'signed-in-as' }, current.label || current.party),
    h('button', { type: 'button', class: 'btn ghost small', 'data-test': 'sign-out', onclick: () => {
      session.end();
      go('#/signin');
    } }, 'Sign out'));
  const role = ROLES[current.role];
  const sections = role ? role.sections : [];
  const here = `#/${parts().join('/')}`;
  // the section a screen belongs to: the longest section route it sits under
  const active = sections.map(([hash]) => hash).filter(hash => here === hash || here.startsWith(hash + '/'))
    .sort((a, b) => b.length - a.length)[0];
  nav.hidden = false;
  replace(nav, sections.map(([hash, label]) => h('a', {
    href: hash,
    class: hash === active ? 'active' : null,
    'aria-current': hash === active ? 'page' : null,
  }, label)));
}

async function render() {
  const current = session.current();
  const [first, ...rest] = parts();
  renderHeader(current);
  if (!current || first === 'signin') {
    if (current && first === 'signin') {
      session.end();
      renderHeader(null);
    }
    replace(view, signInView(started => {
      toast(`Signed in as ${started.label} (${ROLE_NAMES[started.role] || started.role}).`);
      go(`#/${started.role}`);
    }));
    return;
  }
  const role = ROLES[current.role];
  if (!role) {
    replace(view, h('div', { class: 'notice error' }, `The console has no screens for the role "${current.role}".`));
    return;
  }
  if (first !== current.role) {
    go(`#/${current.role}`);
    return;
  }
  replace(view);
  view.focus({ preventScroll: true });
  window.scrollTo(0, 0);
  await role.render(view, rest, { session: current, go });
}

window.addEventListener('hashchange', render);
window.addEventListener('alliance:signed-out', event => {
  toast(event.detail, 'error');
  go('#/signin');
});

completeHostedSignIn()
  .catch(error => toast(error.message, 'error'))
  .finally(render);
