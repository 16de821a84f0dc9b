// Host screens: products worth picking (and why), the showcase, earnings by state and the GMV
// decomposition. Locally, a showcase product can also be "sold" to see money move.
import config from './config.js';
import { del, dev, get, post } from './api.js';
import { formatBps } from './money.js';
import { badge, empty, field, h, money, onSubmit, rate, replace, section, table, toast, when } from './ui.js';
import { scoreBreakdown } from './charts.js';
import { gmvScreen } from './gmv.js';
import { balanceSection, payoutAccountSection, statementForm } from './earnings.js';
import { trustText } from './brand.js';

export const sections = [
  ['#/host', 'Recommended'],
  ['#/host/showcase', 'Showcase'],
  ['#/host/earnings', 'Earnings'],
  ['#/host/gmv', 'GMV'],
];

export async function render(view, parts, ctx) {
  const hostId = ctx.session.party;
  if (parts[0] === 'showcase') return showcase(view, hostId);
  if (parts[0] === 'earnings') return earnings(view, hostId);
  if (parts[0] === 'gmv') return gmv(view, hostId);
  return recommended(view, hostId);
}

function profileLine(container, hostId) {
  section(container, 'your profile', () => get(`/hosts/${hostId}`), host => h('p', { class: 'profile' },
    h('strong', {}, host.personaName), ' ', badge(host.kind === 'BRAND_SELF' ? 'brand account' : 'independent'),
    ` · sells ${host.categories.join(', ')} · ${host.privateFans.toLocaleString()} private-domain and `
    + `${host.publicFans.toLocaleString()} public-domain fans · trust ${trustText(host.trust)}`));
}

// ---------- recommended products ----------

function recommended(view, hostId) {
  const profile = h('div', {});
  const list = h('section', { class: 'card wide', 'data-test': 'recommendations' });
  let limit = 12;
  replace(view, h('h1', {}, 'Products worth picking'), profile, list);
  profileLine(profile, hostId);
  const load = () => section(list, 'your recommendations', () => get(`/hosts/${hostId}/recommendations`, { limit }), found => {
    if (!found.items.length) {
      return empty('Nothing new to recommend.', 'You have picked everything in your categories, or brands have not listed any yet.');
    }
    return h('div', {},
      h('p', { class: 'muted' }, 'Ranked by how well each product suits you: category fit, your audience, past conversion, '
        + 'the brand’s trust and the commission. Each card shows why.'),
      h('div', { class: 'cards' }, found.items.map(item => h('article', { class: 'match card', 'data-product': item.productId },
        h('div', { class: 'match-head' }, h('h3', {}, item.title), h('span', { class: 'score' }, `score ${item.score.toFixed(2)}`)),
        h('p', {}, money(item.priceFen), ' · ', item.category.replace(/_/g, ' ').toLowerCase(), ' · you earn ',
          h('strong', {}, formatBps(item.rateBps)), item.stock > 0 ? '' : ' · sold out'),
        scoreBreakdown(item.components),
        h('button', { type: 'button', class: 'btn', 'data-test': 'pick', onclick: async event => {
          const button = event.currentTarget;
          button.disabled = true;
          try {
            const picked = await post(`/hosts/${hostId}/showcase`, { productId: item.productId });
            const ahead = (picked.upcoming || []).map(step => `${formatBps(step.rateBps)} from ${when(step.effectiveFrom)}`);
            toast(`Picked “${item.title}”: you earn ${formatBps(picked.rateBps)}${ahead.length ? ` (then ${ahead.join(', ')})` : ''}.`);
            load();
          } catch (error) {
            button.disabled = false;
            toast(error.message, 'error');
          }
        } }, 'Pick into my showcase')))),
      found.items.length >= limit && limit < 100 ? h('button', { type: 'button', class: 'btn ghost', onclick: () => { limit = limit < 50 ? 50 : 100; load(); } },
        'Show more') : null);
  });
  load();
}

// ---------- showcase ----------

function showcase(view, hostId) {
  const list = h('section', { class: 'card wide', 'data-test': 'showcase' });
  replace(view, h('h1', {}, 'Your showcase'), list);
  const load = () => section(list, 'your showcase', () => get(`/hosts/${hostId}/showcase`), found => {
    if (!found.items.length) {
      return empty('Your showcase is empty.', 'Pick products from “Recommended” and they appear here for your live room.');
    }
    return table([
      { label: 'Product', cell: i => h('div', {}, h('strong', { 'data-test': 'showcase-title' }, i.title || i.productId),
        h('div', { class: 'muted small' }, i.category.replace(/_/g, ' ').toLowerCase())) },
      { label: 'Price', cell: i => money(i.priceFen), class: 'num' },
      { label: 'You earn', cell: i => rate(i.rateBps), class: 'num' },
      { label: 'Status', cell: i => i.status ? badge(i.status === 'ACTIVE' && i.stock > 0 ? 'on sale' : 'unavailable',
        i.status === 'ACTIVE' && i.stock > 0 ? 'ok' : 'warn') : badge('removed by the brand', 'warn') },
      { label: 'Picked', cell: i => when(i.pickedAt) },
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
      button.textContent = 'Confirm drop';
      button.classList.add('danger');
      return;
    }
    button.disabled = true;
    try {
      await del(`/hosts/${hostId}/showcase/${item.productId}`);
      toast(`Dropped “${item.title || item.productId}”.`);
      reload();
    } catch (error) {
      button.disabled = false;
      toast(error.message, 'error');
    }
  } }, 'Drop');
  return button;
}

/**
 * Local only: sends the order events a real sale would (paid, or paid, shipped and received long
 * enough ago to be past the default 7-day after-sale window) to the order-events queue.
 */
function saleButton(hostId, item) {
  const holder = h('div', { class: 'sale' });
  const timing = h('select', { name: 'when' },
    h('option', { value: 'now' }, 'Paid just now (pending)'),
    h('option', { value: 'past' }, 'Paid 10 days ago, delivered 8 days ago (ready to settle)'));
  const form = onSubmit(h('form', { class: 'form inline', hidden: true },
    field('Sale', timing, { field: 'events' }),
    h('button', { type: 'submit', class: 'btn small' }, 'Send the order events')), async data => {
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
    toast(`Order ${orderId} sent to order-events: it shows in your earnings within seconds.`);
  });
  holder.append(h('button', { type: 'button', class: 'btn ghost small', 'data-test': 'simulate-sale',
    onclick: () => { form.hidden = !form.hidden; } }, 'Simulate a sale'), form);
  return holder;
}

// ---------- earnings ----------

function earnings(view, hostId) {
  const balances = h('section', { class: 'card wide' });
  const account = h('section', { class: 'card wide' });
  replace(view, h('h1', {}, 'Your earnings'),
    h('p', { class: 'muted' }, 'Commission after the platform’s service fee, by where it stands. Amounts come from the ledger.'),
    balances, account, h('section', { class: 'card wide' }, statementForm(hostId)));
  balanceSection(balances, hostId, 'By state');
  payoutAccountSection(account, `/hosts/${hostId}`, `/hosts/${hostId}/payout-account`);
}

// ---------- GMV ----------

function gmv(view, hostId) {
  gmvScreen(view, `/analytics/hosts/${hostId}/gmv`, 'The audience is your live sessions that started in the period.');
}
