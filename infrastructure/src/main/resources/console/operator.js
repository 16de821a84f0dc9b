// Operator screens: risk holds with the rules that fired (release or void, with a reason), dead-lettered
// order events (redrive one or all), and onboarding brands and hosts.
import { get, post } from './api.js';
import { CATEGORIES } from './brand.js';
import { deadLetters } from './deadletters.js';
import { Pager, badge, empty, field, h, money, onSubmit, refuse, replace, section, toast, when } from './ui.js';

export const sections = [
  ['#/operator', 'Risk holds'],
  ['#/operator/dead-letters', 'Dead letters'],
  ['#/operator/onboard', 'Onboard'],
];

export async function render(view, parts) {
  if (parts[0] === 'onboard') return onboard(view);
  if (parts[0] === 'dead-letters') return deadLetters(view);
  return holds(view);
}

// the fake-order rules by the codes the API gives, in the words an operator thinks in
const RULES = {
  SELF_PURCHASE: 'the buyer is the selling host itself',
  REPEAT_BUYER: 'one buyer ordered this product more times within 24 hours than the rule allows',
  HIGH_REFUND_RATE: 'the host’s refund rate over the last 30 days is above the threshold',
  NEW_BUYER_BURST: 'a burst of orders of this product from buyer accounts new within the hour',
  NOT_PICKED: 'the host never picked this product into its showcase',
};

function rulesOf(hold) {
  const rules = hold.rules || [];
  return rules.map(rule => typeof rule === 'string' ? { name: rule, detail: RULES[rule] }
    : { name: rule.rule || rule.name || rule.code, detail: rule.detail || rule.message || RULES[rule.rule || rule.name || rule.code] });
}

function holds(view) {
  const list = h('section', { class: 'card wide', 'data-test': 'holds' });
  const pager = new Pager(() => load());
  replace(view, h('h1', {}, 'Risk holds'),
    h('p', { class: 'muted' }, 'Orders whose commission is held because a fake-order rule fired. Release one to let its '
      + 'money settle as usual, or void it to reverse its commission. Either needs a reason, kept with the decision.'), list);
  const load = () => section(list, 'the risk holds', () => get('/risk/holds', { limit: 20, next: pager.current }), page => {
    const items = page.holds || page.items || [];
    pager.seen(page.next);
    if (!items.length && pager.page === 1) return empty('No order is held.', 'Held orders appear here when a risk rule fires.');
    return h('div', {}, h('div', { class: 'stack' }, items.map(hold => holdCard(hold, load))), pager.controls('Holds'));
  });
  load();
}

function holdCard(hold, reload) {
  const reason = h('input', { name: 'reason', maxlength: 500, placeholder: 'Why (kept with the decision)', autocomplete: 'off' });
  const decide = action => async () => {
    const text = reason.value.trim();
    const form = reason.form;
    try {
      if (!text) throw refuse('reason', 'Give a reason for the decision.');
      await post(`/risk/holds/${encodeURIComponent(hold.orderId)}/${action}`, { reason: text });
      toast(`Order ${hold.orderId} ${action === 'release' ? 'released' : 'voided'}.`);
      reload();
    } catch (error) {
      form.querySelectorAll('.field-error').forEach(el => el.remove());
      reason.closest('.field').append(h('p', { class: 'field-error', role: 'alert' }, error.message));
    }
  };
  return h('article', { class: 'card hold', 'data-order': hold.orderId },
    h('div', { class: 'match-head' }, h('h3', {}, 'Order ', h('code', {}, hold.orderId)),
      hold.status ? badge(hold.status, 'warn') : null),
    h('p', {}, hold.paidFen !== undefined ? ['Paid ', money(hold.paidFen)] : null,
      hold.refundedFen ? [', refunded ', money(hold.refundedFen)] : null,
      hold.paidAt ? ` on ${when(hold.paidAt)}` : ''),
    h('dl', { class: 'facts' },
      [['Host', hold.hostId], ['Buyer', hold.buyerId], ['Product', hold.productId], ['Brand', hold.brandId]]
        .filter(([, id]) => id).map(([label, id]) => [h('dt', {}, label), h('dd', {}, h('code', {}, id))])),
    h('h4', {}, 'Rules that fired'),
    h('ul', { class: 'rules', 'data-test': 'rules' }, rulesOf(hold).map(rule => h('li', {}, h('strong', {}, rule.name),
      rule.detail ? ` — ${rule.detail}` : ''))),
    h('form', { class: 'form inline', onsubmit: event => event.preventDefault() },
      field('Reason', reason, { field: 'reason' }),
      h('button', { type: 'button', class: 'btn', 'data-test': 'release', onclick: decide('release') }, 'Release'),
      h('button', { type: 'button', class: 'btn danger', 'data-test': 'void', onclick: decide('void') }, 'Void')),
    h('p', { class: 'muted small' }, 'Release: the held commission counts again (pending, or settleable once matured). '
      + 'Void: the host’s and lead’s commission goes to the brand.'));
}

function onboard(view) {
  const brandForm = onSubmit(h('form', { class: 'form grid' },
    field('Brand name', h('input', { name: 'name', required: true }), { field: 'name' }),
    field('Unified social credit code', h('input', { name: 'creditCode', required: true, maxlength: 18, autocomplete: 'off' }),
      { field: 'creditCode', hint: '18 characters; the check character is verified.' }),
    h('button', { type: 'submit', class: 'btn' }, 'Register the brand')), async data => {
    const brand = await post('/brands', { name: String(data.get('name')).trim(), creditCode: String(data.get('creditCode')).trim().toUpperCase() });
    toast(`Registered ${brand.name} as ${brand.brandId}.`);
    replace(registered, h('p', { class: 'notice' }, 'Registered ', h('strong', {}, brand.name), ': brand id ',
      h('code', { 'data-test': 'new-brand-id' }, brand.brandId), '. The brand signs in with this id.'));
  });
  const registered = h('div', {});
  const category = h('select', { name: 'categories', multiple: true, size: 4 }, CATEGORIES.map(c => h('option', { value: c }, c)));
  const hostForm = onSubmit(h('form', { class: 'form grid' },
    field('Persona name', h('input', { name: 'personaName', required: true }), { field: 'personaName' }),
    field('Categories', category, { field: 'categories' }),
    field('Private-domain fans', h('input', { name: 'privateFans', inputmode: 'numeric', value: '0' }), { field: 'privateFans' }),
    field('Public-domain fans', h('input', { name: 'publicFans', inputmode: 'numeric', value: '0' }), { field: 'publicFans' }),
    field('Kind', h('select', { name: 'kind' }, h('option', { value: 'INDEPENDENT' }, 'independent'),
      h('option', { value: 'BRAND_SELF' }, 'a brand’s own account')), { field: 'kind' }),
    field('Brand id (own accounts only)', h('input', { name: 'brandId', placeholder: 'b_…' }), { field: 'brandId' }),
    h('button', { type: 'submit', class: 'btn' }, 'Register the host')), async data => {
    const fans = name => {
      const text = String(data.get(name)).trim();
      if (!/^\d{1,12}$/.test(text)) throw refuse(name, 'Enter a whole number of fans.');
      return Number(text);
    };
    const body = { personaName: String(data.get('personaName')).trim(), categories: data.getAll('categories'),
      privateFans: fans('privateFans'), publicFans: fans('publicFans'), kind: data.get('kind') };
    if (String(data.get('brandId')).trim()) body.brandId = String(data.get('brandId')).trim();
    const host = await post('/hosts', body);
    toast(`Registered ${host.personaName} as ${host.hostId}.`);
    replace(hostRegistered, h('p', { class: 'notice' }, 'Registered ', h('strong', {}, host.personaName), ': host id ',
      h('code', {}, host.hostId), '.'));
  });
  const hostRegistered = h('div', {});
  replace(view, h('h1', {}, 'Onboard'),
    h('div', { class: 'grid-2' },
      h('section', { class: 'card' }, h('h2', {}, 'Register a brand'), brandForm, registered),
      h('section', { class: 'card' }, h('h2', {}, 'Register a host'), hostForm, hostRegistered)));
}
