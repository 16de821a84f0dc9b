// Signing in. Locally: pick a role and a party (the demo's parties are listed by name) and the local
// runtime mints the token. In AWS: the Cognito hosted UI (authorization code with PKCE), whose ID
// token carries the role and party claims the API's JWT authorizer and functions read.
import config from './config.js';
import * as session from './session.js';
import { dev, post } from './api.js';
import { field, h, onSubmit, refuse, replace, section } from './ui.js';
import { t } from './i18n.js';

const ROLES = ['brand', 'host', 'finance', 'operator'];

export function signInView(onSignedIn) {
  const auth = config.auth || { mode: 'local' };
  return auth.mode === 'cognito' ? hostedView(auth) : localView(onSignedIn);
}

// ---------- local runtime ----------

async function mint(role, party, label) {
  const { token } = await dev('POST', '/dev/tokens', { role, party });
  return session.start(token, label);
}

function localView(onSignedIn) {
  const demo = h('section', { class: 'card' });
  const own = h('section', { class: 'card' });
  const signup = h('section', { class: 'card' });

  section(demo, t('signin.demo.what'), () => dev('GET', '/dev/demo'), data => {
    if (!data.demo) {
      return h('div', {}, h('h2', {}, t('signin.demo.title')),
        h('p', { class: 'muted' }, t('signin.demo.none')));
    }
    const groups = ROLES.map(role => {
      const parties = data.parties.filter(p => p.role === role);
      if (!parties.length) return null;
      return h('div', { class: 'party-group' },
        h('h3', {}, t(`role.${role}`), h('span', { class: 'muted' }, ' — ', t(`signin.help.${role}`))),
        h('div', { class: 'party-list' }, parties.map(p => h('button', {
          type: 'button', class: 'party', 'data-role': p.role, 'data-party': p.party,
          onclick: async event => {
            const button = event.currentTarget;
            button.disabled = true;
            try {
              onSignedIn(await mint(p.role, p.party, p.label));
            } finally {
              button.disabled = false;
            }
          },
        }, h('span', { class: 'party-label' }, p.label), h('span', { class: 'party-id' }, p.party)))));
    });
    return h('div', {}, h('h2', {}, t('signin.demo.title')),
      h('p', { class: 'muted' }, t('signin.demo.explain')), groups);
  });

  const role = h('select', { name: 'role' }, ROLES.map(r => h('option', { value: r }, t(`role.${r}`))));
  const party = h('input', { name: 'party', required: true, maxlength: 64, placeholder: t('signin.partyPlaceholder'), autocomplete: 'off' });
  replace(own, h('h2', {}, t('signin.own.title')),
    onSubmit(h('form', { class: 'form inline', 'data-test': 'sign-in' },
      field(t('signin.role'), role, { field: 'role' }),
      field(t('signin.party'), party, { field: 'party', hint: t('signin.partyHint') }),
      h('button', { type: 'submit', class: 'btn' }, t('signin.submit'))),
    async data => onSignedIn(await mint(data.get('role'), data.get('party').trim()))));

  const persona = h('input', { name: 'personaName', required: true, maxlength: 80 });
  const categories = h('input', { name: 'categories', placeholder: 'FOOD, HOME', required: true });
  const privateFans = h('input', { name: 'privateFans', inputmode: 'numeric', value: '0' });
  const publicFans = h('input', { name: 'publicFans', inputmode: 'numeric', value: '0' });
  replace(signup, h('h2', {}, t('signup.title')),
    h('p', { class: 'muted' }, t('signup.explain')),
    onSubmit(h('form', { class: 'form grid', 'data-test': 'sign-up' },
      field(t('onboard.persona'), persona, { field: 'personaName' }),
      field(t('signup.categories'), categories, { field: 'categories', hint: t('signup.categoriesHint') }),
      field(t('onboard.privateFans'), privateFans, { field: 'privateFans' }),
      field(t('onboard.publicFans'), publicFans, { field: 'publicFans' }),
      h('button', { type: 'submit', class: 'btn' }, t('signup.submit'))),
    async data => {
      const fans = name => {
        const text = String(data.get(name)).trim();
        if (!/^\d{1,12}$/.test(text)) throw refuse(name, t('refuse.fans'));
        return Number(text);
      };
      const body = {
        personaName: String(data.get('personaName')).trim(),
        categories: String(data.get('categories')).split(',').map(c => c.trim().toUpperCase()).filter(Boolean),
        privateFans: fans('privateFans'),
        publicFans: fans('publicFans'),
      };
      await mint('host', 'signup', t('signup.newHost'));   // a host token to sign up with, then one for the new id
      try {
        const created = await post('/hosts', body);
        onSignedIn(await mint('host', created.hostId, created.personaName));
      } catch (error) {
        session.end();
        throw error;
      }
    }));

  return h('div', { class: 'signin' },
    h('div', { class: 'intro' }, h('h1', {}, t('signin.title')),
      h('p', {}, t('signin.local'))),
    demo, own, signup, tokenNote());
}

function tokenNote() {
  return h('p', { class: 'muted small' }, t('signin.tokenNote'));
}

// ---------- Cognito hosted UI (AWS) ----------

const VERIFIER = 'alliance.pkce';

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function redirectUri(auth) {
  return auth.redirectUri || `${window.location.origin}/`;
}

async function startHostedSignIn(auth) {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem(VERIFIER, JSON.stringify({ verifier, state }));
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const target = new URL('/oauth2/authorize', auth.domain);
  target.search = new URLSearchParams({
    response_type: 'code', client_id: auth.clientId, redirect_uri: redirectUri(auth),
    scope: auth.scope || 'openid email', state, code_challenge_method: 'S256', code_challenge: challenge,
  }).toString();
  window.location.assign(target.toString());
}

/** Back from the hosted UI with ?code=…&state=…: trade the code for tokens and start the session. */
export async function completeHostedSignIn() {
  const auth = config.auth || {};
  const params = new URLSearchParams(window.location.search);
  if (auth.mode !== 'cognito' || !params.has('code')) return;
  const pending = JSON.parse(sessionStorage.getItem(VERIFIER) || 'null');
  sessionStorage.removeItem(VERIFIER);
  window.history.replaceState(null, '', window.location.pathname + window.location.hash);
  if (!pending || pending.state !== params.get('state')) {
    throw new Error(t('signin.hosted.stale'));
  }
  const response = await fetch(new URL('/oauth2/token', auth.domain), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code', client_id: auth.clientId, code: params.get('code'),
      redirect_uri: redirectUri(auth), code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(t('signin.hosted.refused'));
  const tokens = await response.json();
  // the ID token carries the role and party claims (added by the user pool's pre-token-generation trigger)
  const claims = JSON.parse(atob(tokens.id_token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  session.start(tokens.id_token, claims.name || claims.email || claims.party);
}

function hostedView(auth) {
  if (!auth.domain || !auth.clientId) {
    return h('div', { class: 'signin' }, h('div', { class: 'intro' }, h('h1', {}, t('signin.title'))),
      h('div', { class: 'notice error' }, h('strong', {}, t('signin.hosted.notConfigured')), ' ', t('signin.hosted.notConfiguredHelp')));
  }
  return h('div', { class: 'signin' },
    h('div', { class: 'intro' }, h('h1', {}, t('signin.title')),
      h('p', {}, t('signin.hosted.explain'))),
    h('section', { class: 'card' },
      h('button', { type: 'button', class: 'btn', onclick: () => startHostedSignIn(auth) }, t('signin.hosted.button'))));
}
