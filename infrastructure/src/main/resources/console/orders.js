// Orders with the party's own money from each: a host's "My orders" and a brand's "Orders", over
// GET /hosts/{id}/orders and GET /brands/{id}/orders (docs/order-lists.md). Filters by period (Beijing days), status,
// product and, for a brand, the host that sold it; the period in figures from …/orders/summary; the rows a page at a
// time, "load more" following the API's next (a filtered page may come back short and still have one); and the whole
// filtered list as one CSV file, its parts (at most 5 000 rows an answer, each naming the next in a Link header and
// each starting with the header line) joined with the first part's header only.
import { get, getWithHeaders, url } from './api.js';
import { formatFen } from './money.js';
import { badge, empty, field, h, loading, money, onSubmit, problem, rate, replace, table, toast, when } from './ui.js';
import { has, number, t, tc, todayCst } from './i18n.js';

export const STATUSES = ['PAID', 'SHIPPED', 'RECEIVED', 'UNDER_REVIEW', 'MATURED', 'REFUNDED', 'HELD', 'VOIDED', 'CANCELLED'];
const PAGE = 20;
const STATUS_KIND = { PAID: 'info', SHIPPED: 'info', RECEIVED: 'info', UNDER_REVIEW: 'warn', MATURED: 'ok', HELD: 'warn',
  VOIDED: 'bad' };
const STATE_KIND = { ESTIMATED: 'info', HELD: 'warn', SETTLEABLE: 'ok', SETTLED: 'ok', PAID_OUT: 'ok', CLAWED_BACK: 'bad' };

// what differs between the host's screen and the brand's: the other party's column and what the party's money is
const PARTIES = {
  host: {
    path: id => `/hosts/${encodeURIComponent(id)}/orders`,
    other: row => ({ id: row.brandId, name: row.brandName }),
    otherLabel: 'orders.col.brand',
    moneyLabel: 'orders.col.commission',
  },
  brand: {
    path: id => `/brands/${encodeURIComponent(id)}/orders`,
    other: row => ({ id: row.hostId, name: row.hostName }),
    otherLabel: 'col.host',
    moneyLabel: 'orders.col.proceeds',
  },
};

const statusName = status => (has(`orders.status.${status}`) ? t(`orders.status.${status}`) : status);
const stateName = state => (has(`orders.state.${state}`) ? t(`orders.state.${state}`) : state);

/** A 404 naming an id that is no host or brand: said so, never shown as a party with no orders. */
const isUnknownParty = error => Boolean(error) && error.status === 404
  && (error.code === 'HOST_NOT_FOUND' || error.code === 'BRAND_NOT_FOUND');

function unknownParty(error, partyId) {
  return h('div', { class: 'notice error', role: 'alert', 'data-test': 'unknown-party' },
    h('strong', {}, t(`orders.unknown.${error.code}`, { party: partyId })), h('p', {}, t('orders.unknownHint')));
}

/**
 * @param kind    'host' or 'brand': whose screen
 * @param partyId the signed-in host's or brand's id
 */
export function ordersScreen(view, kind, partyId) {
  const party = PARTIES[kind];
  const path = party.path(partyId);
  const summaryBox = h('section', { class: 'card wide', 'data-test': 'orders-summary' });
  const listBox = h('section', { class: 'card wide orders-list', 'data-test': 'orders' });
  const csvStatus = h('p', { class: 'muted small', role: 'status', 'data-test': 'csv-status' });
  let applied = null;

  const status = h('select', { name: 'status' }, h('option', { value: '' }, t('orders.filter.anyStatus')),
    STATUSES.map(s => h('option', { value: s }, statusName(s))));
  const form = h('form', { class: 'form inline', novalidate: true, 'data-test': 'orders-filters' },
    field(t('orders.filter.from'), h('input', { type: 'date', name: 'from', value: todayCst(-29) }), { field: 'from' }),
    field(t('orders.filter.to'), h('input', { type: 'date', name: 'to', value: todayCst() }), { field: 'to' }),
    field(t('orders.filter.status'), status, { field: 'status' }),
    field(t('orders.filter.product'), h('input', { name: 'productId', placeholder: 'p_…', autocomplete: 'off' }),
      { field: 'productId', hint: t('orders.filter.productHint') }),
    kind === 'brand' ? field(t('orders.filter.host'), h('input', { name: 'hostId', placeholder: 'h_…', autocomplete: 'off' }),
      { field: 'hostId', hint: t('orders.filter.hostHint') }) : null,
    h('button', { type: 'submit', class: 'btn', 'data-test': 'apply-filters' }, t('orders.filter.show')));
  const download = h('button', { type: 'button', class: 'btn ghost', 'data-test': 'download-orders', onclick: async () => {
    download.disabled = true;
    try {
      await downloadCsv(path, applied || read(new FormData(form), kind), partyId, csvStatus);
    } catch (error) {
      replace(csvStatus);
      if (isUnknownParty(error)) toast(t(`orders.unknown.${error.code}`, { party: partyId }), 'error');
      else toast(error && error.message ? error.message : t('ui.somethingWrong'), 'error');
    } finally {
      download.disabled = false;
    }
  } }, t('orders.csv.download'));

  onSubmit(form, async data => {
    const query = read(data, kind);
    replace(summaryBox, loading(t('orders.summary.what')));
    replace(listBox, loading(t('orders.what')));
    const [page, summary] = await Promise.allSettled([
      get(path, { ...query, limit: PAGE }),
      get(`${path}/summary`, { from: query.from, to: query.to }),
    ]);
    if (page.status === 'rejected') {
      const error = page.reason;
      replace(summaryBox);
      summaryBox.hidden = true;
      if (isUnknownParty(error)) {
        replace(listBox, unknownParty(error, partyId));
        return;
      }
      if (error && error.status === 400) {
        // a filter the API refused: said next to that filter (onSubmit), and nothing shown as if it were the answer
        replace(listBox, empty(t('orders.refused'), t('orders.refusedHint')));
        throw error;
      }
      replace(listBox, problem(error, t('orders.what')));
      if (!(error && error.code)) console.error(error);
      return;
    }
    applied = query;
    summaryBox.hidden = false;
    if (summary.status === 'fulfilled') replace(summaryBox, summaryFigures(summary.value, kind));
    else replace(summaryBox, problem(summary.reason, t('orders.summary.what')));
    showList(listBox, path, query, page.value, kind);
  });

  replace(view, h('h1', {}, t(`orders.title.${kind}`)),
    h('p', { class: 'muted' }, t(`orders.explain.${kind}`)),
    h('section', { class: 'card wide' }, form,
      h('div', { class: 'orders-csv' }, download, h('p', { class: 'hint' }, t('orders.csv.hint')), csvStatus)),
    summaryBox, listBox);
  form.requestSubmit();
}

/** The filters as query parameters; empty ones are left out by the API client. */
function read(data, kind) {
  const text = name => String(data.get(name) || '').trim();
  const query = { from: text('from'), to: text('to'), status: text('status'), productId: text('productId') };
  if (kind === 'brand') query.hostId = text('hostId');
  return query;
}

// ---------- the period in figures ----------

function figure(key, label, value, note) {
  return h('div', { class: `figure figure-${key}`, 'data-test': `sum-${key}` },
    h('span', { class: 'figure-label' }, label),
    h('span', { class: 'figure-value' }, value),
    note ? h('span', { class: 'figure-note' }, note) : null);
}

function summaryFigures(summary, kind) {
  const m = summary.money || {};
  return h('div', {},
    h('h2', {}, t('orders.summary.title')),
    h('p', { class: 'muted small', 'data-test': 'sum-period' }, t('orders.summary.period', { from: when(summary.from), to: when(summary.to) })),
    h('div', { class: 'figures' },
      figure('orders', t('orders.sum.orders'), number(summary.orders)),
      figure('gmv', t('orders.sum.gmv'), formatFen(summary.gmvFen)),
      figure('refunded', t('orders.sum.refunded'), formatFen(summary.refundedFen)),
      figure('held', t('orders.sum.held'), number(summary.heldOrders), t('orders.sum.heldGmv', { amount: formatFen(summary.heldGmvFen) })),
      figure('underReview', t('orders.sum.underReview'), number(summary.underReviewOrders))),
    h('h3', {}, t(`orders.sum.money.${kind}`)),
    h('div', { class: 'figures' },
      figure('estimated', t('orders.sum.estimated'), formatFen(m.estimatedFen), t('orders.sum.estimatedHelp')),
      figure('moneyHeld', t('orders.sum.moneyHeld'), formatFen(m.heldFen), t('orders.sum.moneyHeldHelp')),
      figure('settleable', t('orders.sum.settleable'), formatFen(m.settleableFen), t('orders.sum.settleableHelp')),
      figure('total', t('orders.sum.total'), formatFen(m.totalFen))),
    h('p', { class: 'muted small' }, t('orders.sum.explain')));
}

// ---------- the rows, page after page ----------

function columns(kind) {
  const party = PARTIES[kind];
  return [
    { label: t('orders.col.paidAt'), cell: r => [h('span', { 'data-test': 'paid-at' }, when(r.paidAt)), h('br'),
      h('code', { class: 'muted small', 'data-test': 'order-id' }, r.orderId), h('br'),
      h('span', { class: 'muted small', title: t('orders.buyerHelp') }, t('orders.buyer', { ref: r.buyerRef }))] },
    { label: t('col.product'), cell: r => h('div', {},
      kind === 'brand' ? h('a', { href: `#/brand/products/${encodeURIComponent(r.productId)}` }, r.productTitle || r.productId)
        : h('strong', {}, r.productTitle || r.productId),
      h('div', { class: 'muted small' }, h('code', {}, r.productId))) },
    { label: t(party.otherLabel), cell: r => {
      const other = party.other(r);
      return h('span', { class: 'party-name', title: other.id, 'data-party': other.id, 'data-test': 'other-party' },
        other.name || h('code', {}, other.id));
    } },
    { label: t('orders.col.quantity'), cell: r => number(r.quantity), class: 'num' },
    { label: t('orders.col.paid'), cell: r => money(r.paidFen), class: 'num' },
    { label: t('orders.col.refunded'), cell: r => money(r.refundedFen), class: 'num' },
    { label: t('col.status'), cell: r => h('span', { 'data-test': 'order-status', 'data-status': r.status },
      badge(statusName(r.status), STATUS_KIND[r.status])) },
    { label: t(party.moneyLabel), cell: r => commissionCell(r.commission) },
    { label: t('col.rate'), cell: r => [rate(r.commission.rateBps), h('br'),
      h('span', { class: 'muted small', 'data-test': 'rate-basis' },
        r.commission.rateBasis && has(`orders.basis.${r.commission.rateBasis}`) ? t(`orders.basis.${r.commission.rateBasis}`) : '—')] },
    { label: t('orders.col.run'), cell: r => r.commission.runId
      ? [h('code', { 'data-test': 'run-id' }, r.commission.runId),
        r.commission.paidOutAt ? [h('br'), h('span', { class: 'muted small' }, t('orders.paidOut', { at: when(r.commission.paidOutAt) }))] : null]
      : h('span', { class: 'muted' }, '—') },
  ];
}

function commissionCell(c) {
  const notes = [];
  // comparing two amounts the API gave, to say whether refunds changed the share: no arithmetic on money
  if (String(c.estimatedFen) !== String(c.amountFen)) notes.push(t('orders.estimatedWas', { amount: formatFen(c.estimatedFen) }));
  if (c.clawedBackFen) notes.push(t('orders.clawedBack', { amount: formatFen(c.clawedBackFen) }));
  if (c.chargesFen !== undefined) notes.push(t('orders.charges', { amount: formatFen(c.chargesFen) }));
  if (c.leadFeeFen) notes.push(t('orders.leadFee', { amount: formatFen(c.leadFeeFen) }));
  return h('div', { class: 'commission' },
    h('span', { 'data-test': 'commission-amount' }, money(c.amountFen)), ' ',
    h('span', { 'data-test': 'commission-state', 'data-state': c.state }, badge(stateName(c.state), STATE_KIND[c.state])),
    notes.map(note => h('div', { class: 'muted small' }, note)));
}

function showList(container, path, query, first, kind) {
  const cols = columns(kind);
  let next = first.next || null;
  let shown = first.orders.length;
  if (!shown && !next) {
    replace(container, empty(t('orders.empty'), t(`orders.emptyHint.${kind}`)));
    return;
  }
  const holder = table(cols, first.orders, { caption: t(`orders.title.${kind}`) });
  const body = holder.querySelector('tbody');
  const count = h('p', { class: 'muted small', 'data-test': 'orders-shown' });
  const short = h('p', { class: 'muted small', 'data-test': 'short-page' }, t('orders.shortPage'));
  const more = h('button', { type: 'button', class: 'btn ghost', 'data-test': 'load-more', onclick: async () => {
    more.disabled = true;
    try {
      const page = await get(path, { ...query, limit: PAGE, next });
      // the new rows go under the ones shown: the page's own table gives the cells, its rows move into ours
      body.append(...table(cols, page.orders).querySelectorAll('tbody > tr'));
      next = page.next || null;
      shown += page.orders.length;
      update(page.orders.length);
    } catch (error) {
      toast(error && error.message ? error.message : t('ui.somethingWrong'), 'error');
    } finally {
      more.disabled = false;
    }
  } }, t('orders.loadMore'));
  const update = lastPageRows => {
    replace(count, tc('orders.shown', shown), next ? '' : [' ', t('orders.end')]);
    more.hidden = !next;
    // a filtered page may hold fewer rows than asked for (even none) and still have a next one: say so
    short.hidden = !next || lastPageRows >= PAGE;
  };
  update(first.orders.length);
  replace(container, holder, count, short, h('div', { class: 'actions' }, more));
}

// ---------- the CSV export, in parts, saved as one file ----------

/** The rel=next target of a Link header, resolved against the answer's own URL; null when there is none. */
export function nextLink(header, base) {
  if (!header) return null;
  for (const [, target, params] of String(header).matchAll(/<([^>]*)>([^,]*)/g)) {
    const rel = /\brel\s*=\s*\x22?([^\x22;,]*)/i.exec(params);
    if (rel && rel[1].trim().toLowerCase().split(/\s+/).includes('next')) return new URL(target, base);
  }
  return null;
}

/** One part of the export: its text and the next part's URL. */
async function csvPart(target) {
  const part = await getWithHeaders(target, 'text/csv');
  return { text: part.text, next: nextLink(part.headers.get('Link'), part.url) };
}

/** Each part starts with the header line: the first part is kept whole, the others from their second line. */
export function joinParts(parts) {
  const withoutHeader = part => {
    const text = part.replace(/^\uFEFF/, '');
    const lineEnd = text.indexOf('\n');
    return lineEnd < 0 ? '' : text.slice(lineEnd + 1);
  };
  return parts.map((part, i) => {
    const text = i === 0 ? part : withoutHeader(part);
    return i < parts.length - 1 && text && !text.endsWith('\n') ? `${text}\r\n` : text;
  }).join('');
}

/** Records in a CSV text, a quoted field's line breaks not counted. */
function records(text) {
  let count = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) count++;
  }
  return text && !text.endsWith('\n') ? count + 1 : count;
}

async function downloadCsv(path, query, partyId, status) {
  const parts = [];
  const seen = new Set();
  let target = url(path, query);
  while (target && !seen.has(target.href)) {
    seen.add(target.href);
    replace(status, t('orders.csv.preparing', { part: parts.length + 1 }));
    const part = await csvPart(target);
    parts.push(part.text);
    target = part.next;
  }
  const csv = joinParts(parts);
  const file = ['orders', partyId, query.from, query.to].filter(Boolean).join('-') + '.csv';
  const href = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const link = h('a', { href, download: file, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
  replace(status, tc('orders.csv.downloaded', Math.max(0, records(csv) - 1), { file }));
}
