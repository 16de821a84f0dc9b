// The console's shell: who is signed in, the sections their role has, and which screen shows.
// Screens live in one module per role; routes are URL fragments (#/brand/products/p_…), so the
// static files need no server-side routing anywhere they are hosted.
import * as session from './session.js';
import { h, replace, toast } from './ui.js';
import { languageSwitch, t } from './i18n.js';
import { nameOf } from './names.js';
import { completeHostedSignIn, signInView } from './signin.js';
import * as brand from './brand.js';
import * as host from './host.js';
import * as finance from './finance.js';
import * as operator from './operator.js';

const ROLES = { brand, host, finance, operator };
const roleName = role => (ROLES[role] ? t(`role.${role}`) : role);

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const lang = document.getElementById('lang');

// the page's own words, from the catalogue like everything else
document.title = t('app.title');
document.querySelector('.logo').replaceChildren(t('app.brand'), h('span', {}, t('app.console')));
nav.setAttribute('aria-label', t('app.sections'));
replace(lang, languageSwitch(h));

function parts() {
  return window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

export function go(hash) {
  if (window.location.hash === hash) render();
  else window.location.hash = hash;
}

// who is signed in, by name: a session started from a bare id shows the id until GET /names answers
function partyLabel(current) {
  const el = h('span', { class: 'who-party', title: current.party, 'data-test': 'signed-in-as' }, current.label || current.party);
  if (!current.label || current.label === current.party) {
    nameOf(current.party).then(name => {
      if (name) el.textContent = name;
    });
  }
  return el;
}

function renderHeader(current) {
  if (!current) {
    replace(who);
    replace(nav);
    nav.hidden = true;
    return;
  }
  replace(who,
    h('span', { class: 'who-role' }, roleName(current.role)),
    partyLabel(current),
    h('button', { type: 'button', class: 'btn ghost small', 'data-test': 'sign-out', onclick: () => {
      session.end();
      go('#/signin');
    } }, t('app.signOut')));
  const role = ROLES[current.role];
  const sections = role ? role.sections : [];
  const here = `#/${parts().join('/')}`;
  // the section a screen belongs to: the longest section route it sits under
  const active = sections.map(([hash]) => hash).filter(hash => here === hash || here.startsWith(hash + '/'))
    .sort((a, b) => b.length - a.length)[0];
  nav.hidden = false;
  replace(nav, sections.map(([hash, key]) => h('a', {
    href: hash,
    class: hash === active ? 'active' : null,
    'aria-current': hash === active ? 'page' : null,
  }, t(key))));
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
      toast(t('app.signedIn', { name: started.label, role: roleName(started.role) }));
      go(`#/${started.role}`);
    }));
    return;
  }
  const role = ROLES[current.role];
  if (!role) {
    replace(view, h('div', { class: 'notice error' }, t('app.noScreens', { role: current.role })));
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
