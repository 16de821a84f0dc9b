// Operator screens: risk holds with the rules that fired (release or void, with a reason), dead-lettered
// order events (redrive one or all), the background jobs' backlogs, and onboarding brands and hosts.
import { get, post } from './api.js';
import { CATEGORIES, categoryName } from './brand.js';
import { deadLetters } from './deadletters.js';
import { jobs } from './jobs.js';
import { Pager, badge, empty, field, h, money, onSubmit, refuse, replace, section, toast, when } from './ui.js';
import { has, t, tn } from './i18n.js';
import { party } from './names.js';

export const sections = [
  ['#/operator', 'nav.operator.holds'],
  ['#/operator/dead-letters', 'nav.operator.deadLetters'],
  ['#/operator/jobs', 'nav.operator.jobs'],
  ['#/operator/onboard', 'nav.operator.onboard'],
];

export async function render(view, parts) {
  if (parts[0] === 'onboard') return onboard(view);
  if (parts[0] === 'dead-letters') return deadLetters(view);
  if (parts[0] === 'jobs') return jobs(view);
  return holds(view);
}

// the fake-order rules by the codes the API gives, in the words an operator thinks in ("rule.<CODE>")
const ruleText = code => (has(`rule.${code}`) ? t(`rule.${code}`) : null);

function rulesOf(hold) {
  const rules = hold.rules || [];
  return rules.map(rule => typeof rule === 'string' ? { name: rule, detail: ruleText(rule) }
    : { name: rule.rule || rule.name || rule.code, detail: ruleText(rule.rule || rule.name || rule.code) || rule.detail || rule.message });
}

function holds(view) {
  const list = h('section', { class: 'card wide', 'data-test': 'holds' });
  const pager = new Pager(() => load());
  replace(view, h('h1', {}, t('holds.title')),
    h('p', { class: 'muted' }, t('holds.explain')), list);
  const load = () => section(list, t('holds.what'), () => get('/risk/holds', { limit: 20, next: pager.current }), page => {
    const items = page.holds || page.items || [];
    pager.seen(page.next);
    if (!items.length && pager.page === 1) return empty(t('holds.empty'), t('holds.emptyHint'));
    return h('div', {}, h('div', { class: 'stack' }, items.map(hold => holdCard(hold, load))), pager.controls(t('holds.title')));
  });
  load();
}

function holdCard(hold, reload) {
  const reason = h('input', { name: 'reason', maxlength: 500, placeholder: t('holds.reasonPlaceholder'), autocomplete: 'off' });
  const decide = action => async () => {
    const text = reason.value.trim();
    const form = reason.form;
    try {
      if (!text) throw refuse('reason', t('holds.reasonRequired'));
      await post(`/risk/holds/${encodeURIComponent(hold.orderId)}/${action}`, { reason: text });
      toast(t(action === 'release' ? 'holds.released' : 'holds.voided', { orderId: hold.orderId }));
      reload();
    } catch (error) {
      form.querySelectorAll('.field-error').forEach(el => el.remove());
      reason.closest('.field').append(h('p', { class: 'field-error', role: 'alert' }, error.message));
    }
  };
  return h('article', { class: 'card hold', 'data-order': hold.orderId },
    h('div', { class: 'match-head' }, h('h3', {}, tn('holds.order', { id: h('code', {}, hold.orderId) })),
      hold.status ? badge(has(`status.${hold.status}`) ? t(`status.${hold.status}`) : hold.status, 'warn') : null),
    h('p', {}, hold.paidFen !== undefined ? tn('holds.paid', { amount: money(hold.paidFen) }) : null,
      hold.refundedFen ? tn('holds.refunded', { amount: money(hold.refundedFen) }) : null,
      hold.paidAt ? [' ', h('span', { 'data-test': 'paid-at' }, t('holds.paidAt', { at: when(hold.paidAt) }))] : ''),
    h('dl', { class: 'facts' },
      [['col.host', hold.hostId, true], ['holds.buyer', hold.buyerId, false], ['col.product', hold.productId, false],
        ['role.brand', hold.brandId, true]]
        .filter(([, id]) => id).map(([label, id, named]) => [h('dt', {}, t(label)),
          h('dd', { 'data-test': `hold-${label}` }, named ? party(id) : h('code', {}, id))])),
    h('h4', {}, t('holds.rules')),
    h('ul', { class: 'rules', 'data-test': 'rules' }, rulesOf(hold).map(rule => h('li', {}, h('strong', {}, rule.name),
      rule.detail ? ` — ${rule.detail}` : ''))),
    h('form', { class: 'form inline', onsubmit: event => event.preventDefault() },
      field(t('holds.reason'), reason, { field: 'reason' }),
      h('button', { type: 'button', class: 'btn', 'data-test': 'release', onclick: decide('release') }, t('holds.release')),
      h('button', { type: 'button', class: 'btn danger', 'data-test': 'void', onclick: decide('void') }, t('holds.void'))),
    h('p', { class: 'muted small' }, t('holds.decisionHelp')));
}

function onboard(view) {
  const brandForm = onSubmit(h('form', { class: 'form grid' },
    field(t('onboard.brandName'), h('input', { name: 'name', required: true }), { field: 'name' }),
    field(t('brand.creditCode'), h('input', { name: 'creditCode', required: true, maxlength: 18, autocomplete: 'off' }),
      { field: 'creditCode', hint: t('onboard.creditCodeHint') }),
    h('button', { type: 'submit', class: 'btn' }, t('onboard.registerBrand'))), async data => {
    const brand = await post('/brands', { name: String(data.get('name')).trim(), creditCode: String(data.get('creditCode')).trim().toUpperCase() });
    toast(t('onboard.registered', { name: brand.name, id: brand.brandId }));
    replace(registered, h('p', { class: 'notice' }, tn('onboard.brandRegistered', { name: h('strong', {}, brand.name),
      id: h('code', { 'data-test': 'new-brand-id' }, brand.brandId) })));
  });
  const registered = h('div', {});
  const category = h('select', { name: 'categories', multiple: true, size: 4 }, CATEGORIES.map(c => h('option', { value: c }, categoryName(c))));
  const hostForm = onSubmit(h('form', { class: 'form grid' },
    field(t('onboard.persona'), h('input', { name: 'personaName', required: true }), { field: 'personaName' }),
    field(t('onboard.categories'), category, { field: 'categories' }),
    field(t('onboard.privateFans'), h('input', { name: 'privateFans', inputmode: 'numeric', value: '0' }), { field: 'privateFans' }),
    field(t('onboard.publicFans'), h('input', { name: 'publicFans', inputmode: 'numeric', value: '0' }), { field: 'publicFans' }),
    field(t('col.kind'), h('select', { name: 'kind' }, h('option', { value: 'INDEPENDENT' }, t('host.kind.independent')),
      h('option', { value: 'BRAND_SELF' }, t('onboard.brandSelf'))), { field: 'kind' }),
    field(t('onboard.brandId'), h('input', { name: 'brandId', placeholder: 'b_…' }), { field: 'brandId' }),
    h('button', { type: 'submit', class: 'btn' }, t('onboard.registerHost'))), async data => {
    const fans = name => {
      const text = String(data.get(name)).trim();
      if (!/^\d{1,12}$/.test(text)) throw refuse(name, t('refuse.fans'));
      return Number(text);
    };
    const body = { personaName: String(data.get('personaName')).trim(), categories: data.getAll('categories'),
      privateFans: fans('privateFans'), publicFans: fans('publicFans'), kind: data.get('kind') };
    if (String(data.get('brandId')).trim()) body.brandId = String(data.get('brandId')).trim();
    const host = await post('/hosts', body);
    toast(t('onboard.registered', { name: host.personaName, id: host.hostId }));
    replace(hostRegistered, h('p', { class: 'notice' }, tn('onboard.hostRegistered', { name: h('strong', {}, host.personaName),
      id: h('code', {}, host.hostId) })));
  });
  const hostRegistered = h('div', {});
  replace(view, h('h1', {}, t('onboard.title')),
    h('div', { class: 'grid-2' },
      h('section', { class: 'card' }, h('h2', {}, t('onboard.brandTitle')), brandForm, registered),
      h('section', { class: 'card' }, h('h2', {}, t('onboard.hostTitle')), hostForm, hostRegistered)));
}
