// Brand screens: the brand itself (trust, SLA, JBP progress per leg), its products page by page,
// listing a product, and each product's rate schedule, carriers and recommended hosts.
import { get, patch, post } from './api.js';
import { formatBps, formatFen, parsePercent, parseYuan } from './money.js';
import {
  Pager, badge, empty, field, h, money, onSubmit, rate, refuse, replace, section, table, toast, when,
} from './ui.js';
import { scoreBreakdown } from './charts.js';
import { gmvScreen } from './gmv.js';

export const sections = [
  ['#/brand', 'Overview'],
  ['#/brand/products', 'Products'],
  ['#/brand/products/new', 'List a product'],
  ['#/brand/gmv', 'GMV'],
];

export const CATEGORIES = ['BEAUTY', 'APPAREL', 'FOOD', 'HOME', 'DIGITAL', 'MOTHER_BABY', 'SPORTS', 'BOOKS',
  'GOLD_SILVER', 'SECOND_HAND_PHONE'];

const LEG_NAMES = { SELF_BROADCAST: 'Self-broadcast (your own host accounts)', DISTRIBUTION: 'Distribution (independent hosts)' };

export async function render(view, parts, ctx) {
  const brandId = ctx.session.party;
  if (parts[0] === 'products' && parts[1] === 'new') return newProduct(view, brandId, ctx);
  if (parts[0] === 'products' && parts[1]) return productDetail(view, brandId, parts[1]);
  if (parts[0] === 'products') return products(view, brandId);
  if (parts[0] === 'gmv') return gmvScreen(view, `/analytics/brands/${brandId}/gmv`, 'The audience is the live '
    + 'sessions, in the period, of every host that sold your goods in it (your own accounts and distribution hosts); '
    + 'those rooms sold other goods too, so your conversion reads lower than a host’s.');
  return overview(view, brandId);
}

// ---------- overview: who we are, SLA, JBP ----------

function overview(view, brandId) {
  const profile = h('section', { class: 'card' });
  const sla = h('section', { class: 'card' });
  const jbp = h('section', { class: 'card wide', 'data-test': 'jbp' });
  replace(view, h('h1', {}, 'Overview'), h('div', { class: 'grid-2' }, profile, sla), jbp);

  section(profile, 'your brand', () => get(`/brands/${brandId}`), brand => h('div', {},
    h('h2', {}, brand.name, ' ', brand.verified ? badge('verified', 'ok') : badge('not verified', 'warn')),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Brand id'), h('dd', {}, h('code', {}, brand.brandId)),
      h('dt', {}, 'Credit code'), h('dd', {}, brand.creditCode),
      h('dt', {}, 'Trust'), h('dd', { 'data-test': 'trust' }, trustText(brand.trust)),
      h('dt', {}, 'Registered'), h('dd', {}, when(brand.registeredAt))),
    trustBreakdown(brand)));

  section(sla, 'your service level', () => get(`/brands/${brandId}/sla`, { limit: 5 }), slaPanel);

  const load = () => jbpSection(jbp, brandId);
  load();
}

/** The shipping service level of the last 30 days: figures as the API gives them, money from integer fen. */
export function slaPanel(data) {
  const violations = data.violations || [];
  return h('div', { 'data-test': 'sla' },
    h('h2', {}, 'Service level'),
    h('p', { class: 'muted' }, `Orders paid from ${when(data.from)} to ${when(data.to)}: shipped within the `
      + 'promise of each product (24, 48 or 72 h). A late shipment compensates the buyer, charged to you.'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'On-time rate'), h('dd', { 'data-test': 'sla-rate' }, formatBps(data.onTimeRateBps)),
      h('dt', {}, 'Shipped on time'), h('dd', { 'data-test': 'sla-on-time' }, String(data.shippedOnTime)),
      h('dt', {}, 'Late'), h('dd', { 'data-test': 'sla-late' }, String(data.late)),
      h('dt', {}, 'Still within the promise'), h('dd', {}, String(data.open)),
      h('dt', {}, 'Violations'), h('dd', { 'data-test': 'sla-violations' }, String(data.violationCount)),
      h('dt', {}, 'Compensation paid to buyers'), h('dd', { 'data-test': 'sla-compensation' }, formatFen(data.compensationFen))),
    violations.length ? table([
      { label: 'Order', cell: v => h('code', {}, v.orderId) },
      { label: 'Promised by', cell: v => when(v.promise) },
      { label: 'Shipped', cell: v => (v.shippedAt ? when(v.shippedAt) : h('span', { class: 'muted' }, 'not yet')) },
      { label: 'Compensation', cell: v => money(v.compensationFen), class: 'num' },
    ], violations, { caption: data.next ? `The first ${violations.length} of ${data.violationCount} violations` : 'Violations' })
      : h('p', { class: 'muted' }, 'No violation in this period.'));
}

export function trustText(trust) {
  if (typeof trust !== 'number') return '—';
  const words = trust >= 0.75 ? 'high' : trust >= 0.45 ? 'neutral' : 'low';
  return `${trust.toFixed(2)} of 1 (${words})`;
}

// What the brand's trust is made of: each component's value, weight and the record behind it.
export function trustBreakdown(party) {
  if (!Array.isArray(party.trustComponents)) return null;
  const names = { onTime: 'Shipping on time', complaints: 'Complaints', refunds: 'Refunds', holds: 'Risk holds' };
  return h('div', { 'data-test': 'trust-components' },
    table([
      { label: 'Part', cell: c => names[c.name] || c.name },
      { label: 'Score', cell: c => c.value.toFixed(2) },
      { label: 'Weight', cell: c => `${Math.round(c.weight * 100)}%` },
      { label: 'From', cell: c => c.detail },
    ], party.trustComponents, { caption: 'What your trust is made of (0.5 is neutral)' }),
    typeof party.trustInMatching === 'number' && Math.abs(party.trustInMatching - party.trust) >= 0.005
      ? h('p', { class: 'muted' }, `Matching still uses ${party.trustInMatching.toFixed(2)}; it catches up within a minute.`)
      : null);
}

async function jbpSection(container, brandId) {
  const create = jbpForm(brandId, () => jbpSection(container, brandId));
  await section(container, 'your JBP agreements', () => get(`/brands/${brandId}/jbp`, { limit: 10 }), page => {
    const list = h('div', { class: 'stack' });
    if (!page.items.length) {
      list.append(empty('No JBP agreement yet.', 'A joint business plan sets a GMV target for each leg and the rebate '
        + 'you earn on the platform sales fee when a leg reaches a share of it. Create one below.'));
    }
    for (const agreement of page.items) {
      const holder = h('div', { class: 'jbp' });
      list.append(holder);
      section(holder, 'JBP progress', () => get(`/brands/${brandId}/jbp/${agreement.jbpId}`), jbpProgress);
    }
    return h('div', {}, h('h2', {}, 'Joint business plan progress'), list, create);
  });
}

function jbpProgress(progress) {
  return h('div', { 'data-test': `jbp-${progress.jbpId}` },
    h('h3', {}, `${progress.periodStart} to ${progress.periodEnd} `, badge(progress.status, progress.status === 'OPEN' ? 'ok' : '')),
    progress.rebatePostedFen !== undefined ? h('p', {}, 'Rebate posted: ', money(progress.rebatePostedFen)) : null,
    (progress.legs || []).map(leg => h('div', { class: 'leg', 'data-test': `leg-${leg.leg}` },
      h('div', { class: 'leg-head' },
        h('strong', {}, LEG_NAMES[leg.leg] || leg.leg),
        h('span', {}, h('span', { 'data-test': `leg-${leg.leg}-gmv` }, formatFen(leg.gmvFen)), ' of ',
          formatFen(leg.targetFen), ' target')),
      h('progress', { max: 10000, value: Math.min(Number(leg.reachedBps) || 0, 10000), 'aria-label': `${leg.leg} reached` }),
      h('p', { class: 'muted small' },
        `Reached ${formatBps(leg.reachedBps)} of target. `,
        leg.tier ? `Tier reached: ${formatBps(leg.tier.reachedBps)} → rebate ${formatBps(leg.tier.rebateBps)} of the sales fee. `
          : 'No rebate tier reached yet. ',
        `Sales fee so far ${formatFen(leg.salesFeeFen)}, rebate so far ${formatFen(leg.rebateFen)}.`))));
}

function jbpForm(brandId, done) {
  const today = new Date();
  const iso = d => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const start = h('input', { name: 'periodStart', type: 'date', required: true, value: iso(new Date(today.getFullYear(), today.getMonth(), 1)) });
  const end = h('input', { name: 'periodEnd', type: 'date', required: true, value: iso(new Date(today.getFullYear(), today.getMonth() + 1, 0)) });
  const self = h('input', { name: 'self', inputmode: 'decimal', required: true, placeholder: '20000.00' });
  const distribution = h('input', { name: 'distribution', inputmode: 'decimal', required: true, placeholder: '100000.00' });
  const tiers = [1, 2].map(i => [
    h('input', { name: `reached${i}`, inputmode: 'decimal', placeholder: i === 1 ? '50' : '100', value: i === 1 ? '50' : '100' }),
    h('input', { name: `rebate${i}`, inputmode: 'decimal', placeholder: i === 1 ? '10' : '20', value: i === 1 ? '10' : '20' }),
  ]);
  const hosts = h('input', { name: 'hosts', placeholder: 'h_… , h_…' });
  const form = onSubmit(h('form', { class: 'form grid' },
    field('Period starts', start, { field: 'periodStart' }),
    field('Period ends', end, { field: 'periodEnd' }),
    field('Self-broadcast GMV target (yuan)', self, { field: 'targets.selfBroadcastGmvFen' }),
    field('Distribution GMV target (yuan)', distribution, { field: 'targets.distributionGmvFen' }),
    tiers.map(([reached, rebate], i) => [
      field(`Tier ${i + 1}: leg reaches (% of target)`, reached, { field: `rebateTiers[${i}].reachedBps` }),
      field(`Tier ${i + 1}: rebate (% of the sales fee)`, rebate, { field: `rebateTiers[${i}].rebateBps` }),
    ]),
    field('Self-broadcast host ids', hosts, { field: 'selfBroadcastHostIds', hint: 'Your own host accounts, comma separated (optional).' }),
    h('button', { type: 'submit', class: 'btn' }, 'Create agreement')), async data => {
    const yuan = (name, apiField) => {
      const fen = parseYuan(data.get(name));
      if (fen === null) throw refuse(apiField, 'Enter an amount in yuan, e.g. 20000 or 20000.50.');
      return fen;
    };
    const rebateTiers = [];
    [1, 2].forEach((i, index) => {
      const reachedText = String(data.get(`reached${i}`)).trim();
      const rebateText = String(data.get(`rebate${i}`)).trim();
      if (!reachedText && !rebateText) return;
      const reachedBps = parsePercent(reachedText);
      const rebateBps = parsePercent(rebateText);
      if (reachedBps === null) throw refuse(`rebateTiers[${index}].reachedBps`, 'Enter a percent, e.g. 50.');
      if (rebateBps === null) throw refuse(`rebateTiers[${index}].rebateBps`, 'Enter a percent, e.g. 10.');
      rebateTiers.push({ reachedBps, rebateBps });
    });
    const created = await post(`/brands/${brandId}/jbp`, {
      periodStart: data.get('periodStart'),
      periodEnd: data.get('periodEnd'),
      targets: {
        selfBroadcastGmvFen: yuan('self', 'targets.selfBroadcastGmvFen'),
        distributionGmvFen: yuan('distribution', 'targets.distributionGmvFen'),
      },
      rebateTiers,
      selfBroadcastHostIds: String(data.get('hosts')).split(',').map(s => s.trim()).filter(Boolean),
    });
    toast(`JBP agreement ${created.jbpId} created.`);
    done();
  });
  return h('details', { class: 'create' }, h('summary', {}, 'Create a JBP agreement'), form);
}

// ---------- products, page by page ----------

function products(view, brandId) {
  const list = h('section', { class: 'card wide' });
  const pager = new Pager(() => load());
  replace(view, h('div', { class: 'title-row' }, h('h1', {}, 'Your products'),
    h('a', { class: 'btn', href: '#/brand/products/new' }, 'List a product')), list);
  const load = () => section(list, 'your products',
    () => get(`/brands/${brandId}/products`, { limit: 10, next: pager.current }), page => {
      pager.seen(page.next);
      if (!page.items.length && pager.page === 1) {
        return empty('You have not listed any products yet.', 'List one and hosts will see it among their recommendations.');
      }
      return h('div', {}, table([
        { label: 'Product', cell: p => h('div', {}, h('a', { href: `#/brand/products/${p.productId}`, 'data-test': 'product-link' }, p.title),
          h('div', { class: 'muted small' }, p.sku)) },
        { label: 'Category', cell: p => p.category },
        { label: 'Price', cell: p => money(p.priceFen), class: 'num' },
        { label: 'Stock', cell: p => String(p.stock), class: 'num' },
        { label: 'Open rate', cell: p => rate(p.rateSchedule.openRateBps), class: 'num' },
        { label: 'Targeted', cell: p => targetedText(p.rateSchedule.targeted) },
        { label: 'Certificates', cell: p => certificatesText(p.certificates) },
        { label: 'Status', cell: p => badge(p.status, p.status === 'ACTIVE' ? 'ok' : 'warn') },
      ], page.items), pager.controls('Products'));
    });
  load();
}

function targetedText(targeted) {
  if (!targeted || !targeted.length) return h('span', { class: 'muted' }, 'open to all');
  return `${targeted.length} host${targeted.length === 1 ? '' : 's'}`;
}

function certificatesText(certificates) {
  const entries = Object.entries(certificates || {});
  if (!entries.length) return h('span', { class: 'muted' }, 'none');
  return h('ul', { class: 'plain' }, entries.map(([kind, number]) => h('li', {}, `${kind.replace(/_/g, ' ').toLowerCase()}: ${number}`)));
}

// ---------- listing a product ----------

function targetedRows(container, prefix) {
  const rows = h('div', { class: 'stack', 'data-field': prefix });
  const add = () => {
    const i = rows.children.length;
    rows.append(h('div', { class: 'row' },
      field('Host id', h('input', { name: `t${i}host`, placeholder: 'h_…', autocomplete: 'off' }), { field: `${prefix}[${i}].hostId` }),
      field('Rate (%)', h('input', { name: `t${i}rate`, inputmode: 'decimal', placeholder: '25' }), { field: `${prefix}[${i}].rateBps` })));
  };
  container.append(rows, h('button', { type: 'button', class: 'btn ghost small', onclick: add }, '+ Add a targeted host'));
  return rows;
}

function readTargeted(data, rows, prefix) {
  const targeted = [];
  for (let i = 0; i < rows.children.length; i++) {
    const hostId = String(data.get(`t${i}host`) || '').trim();
    const rateText = String(data.get(`t${i}rate`) || '').trim();
    if (!hostId && !rateText) continue;
    const rateBps = parsePercent(rateText);
    if (rateBps === null) throw refuse(`${prefix}[${i}].rateBps`, 'Enter the rate as a percent, e.g. 25 or 12.5.');
    targeted.push({ hostId, rateBps });
  }
  return targeted;
}

function newProduct(view, brandId, ctx) {
  const category = h('select', { name: 'category' }, CATEGORIES.map(c => h('option', { value: c }, c.replace(/_/g, ' ').toLowerCase())));
  const ship = h('select', { name: 'shipWithinHours' }, ['24', '48', '72'].map(v => h('option', { value: v, selected: v === '48' }, `${v} hours`)));
  const targetedBox = h('fieldset', { class: 'fieldset' }, h('legend', {}, 'Targeted rates (optional)'),
    h('p', { class: 'hint' }, 'A targeted rate for a host beats the open rate.'));
  const rows = targetedRows(targetedBox, 'targeted');
  const form = h('form', { class: 'form grid', novalidate: true, 'data-test': 'product-form' },
    field('SKU', h('input', { name: 'sku', autocomplete: 'off' }), { field: 'sku', hint: 'Letters, digits, dots, dashes; unique among your products.' }),
    field('Title', h('input', { name: 'title' }), { field: 'title' }),
    field('Category', category, { field: 'category' }),
    field('Price (yuan)', h('input', { name: 'price', inputmode: 'decimal', placeholder: '128.00' }), { field: 'priceFen' }),
    field('Stock', h('input', { name: 'stock', inputmode: 'numeric', placeholder: '500' }), { field: 'stock' }),
    field('Ships within', ship, { field: 'shipWithinHours', hint: 'Your shipping promise from payment.' }),
    field('Open commission rate (%)', h('input', { name: 'openRate', inputmode: 'decimal', placeholder: '20' }), { field: 'openRateBps',
      hint: 'What every host earns on a sale, before the platform’s 10% service fee.' }),
    field('Exclusive', h('input', { name: 'exclusive', type: 'checkbox' }), { field: 'exclusive', hint: 'Only the targeted hosts may carry it.' }),
    field('Quality inspection certificate no.', h('input', { name: 'QUALITY_INSPECTION', autocomplete: 'off' }),
      { field: 'certificates.QUALITY_INSPECTION', hint: 'Required for gold and silver goods.' }),
    field('Quality report no.', h('input', { name: 'QUALITY_REPORT', autocomplete: 'off' }),
      { field: 'certificates.QUALITY_REPORT', hint: 'Required for second-hand phones.' }),
    targetedBox,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn' }, 'List the product'),
      h('a', { class: 'btn ghost', href: '#/brand/products' }, 'Cancel')));
  onSubmit(form, async data => {
    const priceFen = parseYuan(data.get('price'));
    if (priceFen === null) throw refuse('priceFen', 'Enter the price in yuan, e.g. 128 or 128.50.');
    const stockText = String(data.get('stock')).trim();
    if (!/^\d{1,12}$/.test(stockText)) throw refuse('stock', 'Enter the stock as a whole number.');
    const openRateBps = parsePercent(data.get('openRate'));
    if (openRateBps === null) throw refuse('openRateBps', 'Enter the rate as a percent, e.g. 20 or 12.5.');
    const certificates = {};
    ['QUALITY_INSPECTION', 'QUALITY_REPORT'].forEach(kind => {
      const number = String(data.get(kind) || '').trim();
      if (number) certificates[kind] = number;
    });
    const created = await post(`/brands/${brandId}/products`, {
      sku: String(data.get('sku')).trim(),
      title: String(data.get('title')).trim(),
      category: data.get('category'),
      priceFen,
      stock: Number(stockText),
      shipWithinHours: Number(data.get('shipWithinHours')),
      openRateBps,
      targeted: readTargeted(data, rows, 'targeted'),
      exclusive: data.get('exclusive') === 'on',
      certificates,
    });
    toast(`Listed “${created.title}”.`);
    ctx.go(`#/brand/products/${created.productId}`);
  });
  replace(view, h('h1', {}, 'List a product'),
    h('p', { class: 'muted' }, 'Every rule is checked by the marketplace; what it refuses is shown next to the field.'),
    h('section', { class: 'card wide' }, form));
}

// ---------- one product ----------

function productDetail(view, brandId, productId) {
  const head = h('section', { class: 'card wide' });
  const carriers = h('section', { class: 'card', 'data-test': 'carriers' });
  const recommended = h('section', { class: 'card', 'data-test': 'recommended-hosts' });
  replace(view, h('p', {}, h('a', { href: '#/brand/products' }, '← Your products')), head, h('div', { class: 'grid-2' }, carriers, recommended));
  const loadHead = () => section(head, 'the product', () => get(`/products/${productId}`), product => productHead(product, loadHead));
  loadHead();
  carriersSection(carriers, productId);
  section(recommended, 'recommended hosts', () => get(`/products/${productId}/host-recommendations`, { limit: 10 }), found => h('div', {},
    h('h2', {}, 'Hosts most likely to sell it'),
    h('p', { class: 'muted' }, 'Ranked by category fit, audience (private-domain fans first), past conversion, trust and commission.'),
    found.items.length ? h('ol', { class: 'ranked' }, found.items.map(host => h('li', { class: 'match' },
      h('div', { class: 'match-head' }, h('strong', {}, host.personaName), ' ',
        badge(host.kind === 'BRAND_SELF' ? 'your account' : 'independent'),
        h('span', { class: 'score' }, `score ${host.score.toFixed(2)}`)),
      h('p', { class: 'muted small' }, `${host.categories.join(', ')} · ${host.privateFans.toLocaleString()} private / `
        + `${host.publicFans.toLocaleString()} public fans · would earn ${formatBps(host.rateBps)}`),
      scoreBreakdown(host.components))))
      : empty('No host to recommend yet.', 'Hosts selling this category will appear here once they sign up.')));
}

function productHead(product, reload) {
  const schedule = product.rateSchedule;
  const changeBox = h('div', {});
  const targetedBox = h('fieldset', { class: 'fieldset' }, h('legend', {}, 'Targeted rates'));
  const rows = targetedRows(targetedBox, 'targeted');
  const form = onSubmit(h('form', { class: 'form grid', novalidate: true },
    field('New open rate (%)', h('input', { name: 'openRate', inputmode: 'decimal', placeholder: formatBps(schedule.openRateBps).replace('%', '') }),
      { field: 'openRateBps', hint: 'Leave empty to keep it. A decrease waits the notice period (24 h) so hosts are never surprised; an increase acts at once.' }),
    targetedBox,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn' }, 'Change commission'))), async data => {
    const body = { targeted: readTargeted(data, rows, 'targeted') };
    const openText = String(data.get('openRate')).trim();
    if (openText) {
      body.openRateBps = parsePercent(openText);
      if (body.openRateBps === null) throw refuse('openRateBps', 'Enter the rate as a percent, e.g. 20 or 12.5.');
    }
    const changed = await patch(`/products/${product.productId}/commission`, body);
    const waiting = (changed.rateSchedule.upcoming || []).length;
    toast(waiting ? 'Saved. A decrease takes effect after the notice period; see “Upcoming”.' : 'Saved: the new rates are in force.');
    reload();
  });
  replace(changeBox, h('details', { class: 'create' }, h('summary', {}, 'Change commission'), form));
  return h('div', { 'data-test': 'product-detail' },
    h('h1', {}, product.title, ' ', badge(product.status, product.status === 'ACTIVE' ? 'ok' : 'warn')),
    h('div', { class: 'grid-2' },
      h('dl', { class: 'facts' },
        h('dt', {}, 'SKU'), h('dd', {}, product.sku),
        h('dt', {}, 'Category'), h('dd', {}, product.category),
        h('dt', {}, 'Price'), h('dd', {}, money(product.priceFen)),
        h('dt', {}, 'Stock'), h('dd', {}, String(product.stock)),
        h('dt', {}, 'Ships within'), h('dd', {}, `${product.shipWithinHours} hours of payment`),
        h('dt', {}, 'Exclusive'), h('dd', {}, product.exclusive ? 'yes: only targeted hosts' : 'no'),
        h('dt', {}, 'Certificates'), h('dd', {}, certificatesText(product.certificates)),
        h('dt', {}, 'Product id'), h('dd', {}, h('code', {}, product.productId))),
      h('div', {},
        h('h2', {}, 'Rate schedule'),
        h('p', {}, 'Open rate: ', h('strong', { 'data-test': 'open-rate' }, formatBps(schedule.openRateBps))),
        schedule.targeted.length ? table([
          { label: 'Targeted host', cell: t => h('code', {}, t.hostId) },
          { label: 'Rate', cell: t => rate(t.rateBps), class: 'num' },
        ], schedule.targeted) : h('p', { class: 'muted' }, 'No targeted rates.'),
        schedule.upcoming.length ? h('div', {}, h('h3', {}, 'Upcoming'), table([
          { label: 'For', cell: u => u.hostId ? h('code', {}, u.hostId) : 'everyone (open rate)' },
          { label: 'Rate', cell: u => rate(u.rateBps), class: 'num' },
          { label: 'From', cell: u => when(u.effectiveFrom) },
        ], schedule.upcoming)) : null)),
    changeBox);
}

function carriersSection(container, productId) {
  const pager = new Pager(() => load());
  const load = () => section(container, 'the hosts carrying it',
    () => get(`/products/${productId}/hosts`, { limit: 10, next: pager.current }), page => {
      pager.seen(page.next);
      return h('div', {}, h('h2', {}, 'Hosts carrying it'),
        page.items.length || pager.page > 1 ? h('div', {}, table([
          { label: 'Host', cell: c => h('div', {}, h('strong', { 'data-test': 'carrier' }, c.personaName), h('div', { class: 'muted small' }, c.hostId)) },
          { label: 'Kind', cell: c => c.kind === 'BRAND_SELF' ? 'your account' : 'independent' },
          { label: 'Earns', cell: c => rate(c.rateBps), class: 'num' },
          { label: 'Picked', cell: c => when(c.pickedAt) },
        ], page.items), pager.controls('Carriers'))
          : empty('No host carries it yet.', 'Hosts pick products from their recommendations; the best matches are listed alongside.'));
    });
  load();
}
