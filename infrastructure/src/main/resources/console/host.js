// Host screens: products worth picking (and why), the showcase, earnings by state and the GMV
// decomposition; a product's page, where the host applies to its targeted plan or asks for a sample, and the host's
// applications and samples (samples.js). Locally, a showcase product can also be "sold" to see money move.
import config from './config.js';
import { del, dev, get, post } from './api.js';
import { formatBps } from './money.js';
import { badge, empty, field, h, money, onSubmit, rate, replace, section, table, toast, when } from './ui.js';
import { scoreBreakdown } from './charts.js';
import { gmvScreen } from './gmv.js';
import { ordersScreen } from './orders.js';
import { balanceSection, payoutAccountSection, statementForm } from './earnings.js';
import { categoryName, trustText } from './brand.js';
import { number, t, tn } from './i18n.js';
import { hostApplications, hostProduct, hostSamples } from './samples.js';

export const sections = [
  ['#/host', 'nav.host.recommended'],
  ['#/host/showcase', 'nav.host.showcase'],
  ['#/host/orders', 'nav.host.orders'],
  ['#/host/applications', 'nav.host.applications'],
  ['#/host/samples', 'nav.host.samples'],
  ['#/host/earnings', 'nav.host.earnings'],
  ['#/host/gmv', 'nav.host.gmv'],
];

export async function render(view, parts, ctx) {
  const hostId = ctx.session.party;
  if (parts[0] === 'showcase') return showcase(view, hostId);
  if (parts[0] === 'orders') return ordersScreen(view, 'host', hostId);
  if (parts[0] === 'products' && parts[1]) return hostProduct(view, hostId, parts[1]);
  if (parts[0] === 'applications') return hostApplications(view, hostId);
  if (parts[0] === 'samples') return hostSamples(view, hostId);
  if (parts[0] === 'earnings') return earnings(view, hostId);
  if (parts[0] === 'gmv') return gmv(view, hostId);
  return recommended(view, hostId);
}

function profileLine(container, hostId) {
  section(container, t('host.profile.what'), () => get(`/hosts/${hostId}`), host => h('p', { class: 'profile' },
    h('strong', {}, host.personaName), ' ', badge(t(host.kind === 'BRAND_SELF' ? 'host.kind.brandAccount' : 'host.kind.independent')),
    ' ', t('host.profile.line', { categories: host.categories.map(categoryName).join(t('ui.separator')),
      privateFans: number(host.privateFans), publicFans: number(host.publicFans), trust: trustText(host.trust) })));
}

// ---------- recommended products ----------

function recommended(view, hostId) {
  const profile = h('div', {});
  const list = h('section', { class: 'card wide', 'data-test': 'recommendations' });
  let limit = 12;
  replace(view, h('h1', {}, t('host.recommended.title')), profile, list);
  profileLine(profile, hostId);
  const load = () => section(list, t('host.recommended.what'), () => get(`/hosts/${hostId}/recommendations`, { limit }), found => {
    if (!found.items.length) {
      return empty(t('host.recommended.empty'), t('host.recommended.emptyHint'));
    }
    return h('div', {},
      h('p', { class: 'muted' }, t('host.recommended.explain')),
      h('div', { class: 'cards' }, found.items.map(item => h('article', { class: 'match card', 'data-product': item.productId },
        h('div', { class: 'match-head' }, h('h3', {}, item.title), h('span', { class: 'score' }, t('ui.score', { score: item.score.toFixed(2) }))),
        h('p', {}, money(item.priceFen), ' · ', categoryName(item.category), ' · ',
          tn('host.youEarn', { rate: h('strong', {}, formatBps(item.rateBps)) }), item.stock > 0 ? '' : [' · ', t('host.soldOut')]),
        scoreBreakdown(item.components),
        h('p', {}, h('a', { href: `#/host/products/${encodeURIComponent(item.productId)}`, 'data-test': 'product-page' },
          t('host.productPage'))),
        h('button', { type: 'button', class: 'btn', 'data-test': 'pick', onclick: async event => {
          const button = event.currentTarget;
          button.disabled = true;
          try {
            const picked = await post(`/hosts/${hostId}/showcase`, { productId: item.productId });
            const ahead = (picked.upcoming || []).map(step => t('host.picked.step', { rate: formatBps(step.rateBps), from: when(step.effectiveFrom) }));
            toast(t('host.picked', { title: item.title, rate: formatBps(picked.rateBps),
              then: ahead.length ? t('host.picked.then', { steps: ahead.join(t('ui.separator')) }) : '' }));
            load();
          } catch (error) {
            button.disabled = false;
            toast(error.message, 'error');
          }
        } }, t('host.pick'))))),
      found.items.length >= limit && limit < 100 ? h('button', { type: 'button', class: 'btn ghost', onclick: () => { limit = limit < 50 ? 50 : 100; load(); } },
        t('ui.showMore')) : null);
  });
  load();
}

// ---------- showcase ----------

function showcase(view, hostId) {
  const list = h('section', { class: 'card wide', 'data-test': 'showcase' });
  replace(view, h('h1', {}, t('host.showcase.title')), list);
  const load = () => section(list, t('host.showcase.what'), () => get(`/hosts/${hostId}/showcase`), found => {
    if (!found.items.length) {
      return empty(t('host.showcase.empty'), t('host.showcase.emptyHint'));
    }
    return table([
      { label: t('col.product'), cell: i => h('div', {}, h('a', { href: `#/host/products/${encodeURIComponent(i.productId)}`,
        'data-test': 'product-page' }, h('strong', { 'data-test': 'showcase-title' }, i.title || i.productId)),
        h('div', { class: 'muted small' }, categoryName(i.category))) },
      { label: t('col.price'), cell: i => money(i.priceFen), class: 'num' },
      { label: t('col.youEarn'), cell: i => rate(i.rateBps), class: 'num' },
      { label: t('col.status'), cell: i => i.status ? badge(t(i.status === 'ACTIVE' && i.stock > 0 ? 'host.onSale' : 'host.unavailable'),
        i.status === 'ACTIVE' && i.stock > 0 ? 'ok' : 'warn') : badge(t('host.removedByBrand'), 'warn') },
      { label: t('col.picked'), cell: i => when(i.pickedAt) },
      { label: '', cell: i => h('div', { class: 'row-actions' }, dropButton(hostId, i, load), config.auth?.mode === 'local' && i.priceFen
        ? saleButton(hostId, i) : null) },
    ], found.items);
  });
  load();
}

function dropButton(hostId, item, reload) {
  let armed = false;
  const button = h('button', { type: 'button', class: 'btn ghost small', 'data-test': 'drop', onclick: async () => {
    if (!armed) {
      armed = true;
      button.textContent = t('host.confirmDrop');
      button.classList.add('danger');
      return;
    }
    button.disabled = true;
    try {
      await del(`/hosts/${hostId}/showcase/${item.productId}`);
      toast(t('host.dropped', { title: item.title || item.productId }));
      reload();
    } catch (error) {
      button.disabled = false;
      toast(error.message, 'error');
    }
  } }, t('host.drop'));
  return button;
}

/**
 * Local only: sends the order events a real sale would (paid, or paid, shipped and received long
 * enough ago to be past the default 7-day after-sale window) to the order-events queue.
 */
function saleButton(hostId, item) {
  const holder = h('div', { class: 'sale' });
  const timing = h('select', { name: 'when' },
    h('option', { value: 'now' }, t('host.sale.now')),
    h('option', { value: 'past' }, t('host.sale.past')));
  const form = onSubmit(h('form', { class: 'form inline', hidden: true },
    field(t('host.sale.label'), timing, { field: 'events' }),
    h('button', { type: 'submit', class: 'btn small' }, t('host.sale.send'))), async data => {
    const id = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);
    const orderId = `console-${id()}`;
    const day = 24 * 3600 * 1000;
    const now = Date.now();
    const at = offset => new Date(now - offset).toISOString();
    const event = (type, offset, extra) => ({ eventId: `${orderId}-${type.toLowerCase()}`, type, orderId, occurredAt: at(offset), ...extra });
    const paidOffset = data.get('when') === 'past' ? 10 * day : 0;
    const events = [event('ORDER_PAID', paidOffset, { productId: item.productId, hostId, buyerId: `buyer-${id()}`,
      quantity: 1, paidFen: item.priceFen })];
    if (data.get('when') === 'past') {
      events.push(event('ORDER_SHIPPED', 9 * day), event('ORDER_RECEIVED', 8 * day));
    }
    await dev('POST', '/dev/order-events', { events });
    form.hidden = true;
    toast(t('host.sale.sent', { orderId }));
  });
  holder.append(h('button', { type: 'button', class: 'btn ghost small', 'data-test': 'simulate-sale',
    onclick: () => { form.hidden = !form.hidden; } }, t('host.sale.simulate')), form);
  return holder;
}

// ---------- earnings ----------

function earnings(view, hostId) {
  const balances = h('section', { class: 'card wide' });
  const account = h('section', { class: 'card wide' });
  replace(view, h('h1', {}, t('host.earnings.title')),
    h('p', { class: 'muted' }, t('host.earnings.explain')),
    balances, account, h('section', { class: 'card wide' }, statementForm(hostId)));
  balanceSection(balances, hostId, t('host.earnings.byState'));
  payoutAccountSection(account, `/hosts/${hostId}`, `/hosts/${hostId}/payout-account`);
}

// ---------- GMV ----------

function gmv(view, hostId) {
  gmvScreen(view, `/analytics/hosts/${hostId}/gmv`, 'gmv.intro.host');
}
