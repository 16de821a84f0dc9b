// Brand screens: the brand itself (trust, SLA, JBP progress per leg), its products page by page,
// listing a product, and each product's rate schedule, carriers and recommended hosts; the review queues of
// applications to its targeted plans and of sample requests (samples.js).
import { get, patch, post } from './api.js';
import { formatBps, formatFen, parsePercent, parseYuan } from './money.js';
import {
  Pager, badge, empty, field, h, money, onSubmit, rate, refuse, replace, section, table, toast, when,
} from './ui.js';
import { scoreBreakdown } from './charts.js';
import { gmvScreen } from './gmv.js';
import { ordersScreen } from './orders.js';
import { has, number, t, tc, tn, todayCst } from './i18n.js';
import { party } from './names.js';
import { brandApplications, brandSamples } from './samples.js';

export const sections = [
  ['#/brand', 'nav.brand.overview'],
  ['#/brand/products', 'nav.brand.products'],
  ['#/brand/products/new', 'nav.brand.newProduct'],
  ['#/brand/orders', 'nav.brand.orders'],
  ['#/brand/applications', 'nav.brand.applications'],
  ['#/brand/samples', 'nav.brand.samples'],
  ['#/brand/gmv', 'nav.brand.gmv'],
];

export const CATEGORIES = ['BEAUTY', 'APPAREL', 'FOOD', 'HOME', 'DIGITAL', 'MOTHER_BABY', 'SPORTS', 'BOOKS',
  'GOLD_SILVER', 'SECOND_HAND_PHONE'];

/** A category code as the reader says it ("category.FOOD"). */
export function categoryName(code) {
  return has(`category.${code}`) ? t(`category.${code}`) : String(code).replace(/_/g, ' ').toLowerCase();
}

const legName = leg => (has(`jbp.leg.${leg}`) ? t(`jbp.leg.${leg}`) : leg);
const statusName = status => (has(`status.${status}`) ? t(`status.${status}`) : status);

export async function render(view, parts, ctx) {
  const brandId = ctx.session.party;
  if (parts[0] === 'products' && parts[1] === 'new') return newProduct(view, brandId, ctx);
  if (parts[0] === 'products' && parts[1]) return productDetail(view, brandId, parts[1]);
  if (parts[0] === 'products') return products(view, brandId);
  if (parts[0] === 'orders') return ordersScreen(view, 'brand', brandId);
  if (parts[0] === 'applications') return brandApplications(view, brandId);
  if (parts[0] === 'samples') return brandSamples(view, brandId);
  if (parts[0] === 'gmv') return gmvScreen(view, `/analytics/brands/${brandId}/gmv`, 'gmv.intro.brand');
  return overview(view, brandId);
}

// ---------- overview: who we are, SLA, JBP ----------

function overview(view, brandId) {
  const profile = h('section', { class: 'card' });
  const sla = h('section', { class: 'card' });
  const jbp = h('section', { class: 'card wide', 'data-test': 'jbp' });
  replace(view, h('h1', {}, t('brand.overview.title')), h('div', { class: 'grid-2' }, profile, sla), jbp);

  section(profile, t('brand.profile.what'), () => get(`/brands/${brandId}`), brand => h('div', {},
    h('h2', {}, brand.name, ' ', brand.verified ? badge(t('brand.verified'), 'ok') : badge(t('brand.notVerified'), 'warn')),
    h('dl', { class: 'facts' },
      h('dt', {}, t('brand.id')), h('dd', {}, h('code', {}, brand.brandId)),
      h('dt', {}, t('brand.creditCode')), h('dd', {}, brand.creditCode),
      h('dt', {}, t('brand.trust')), h('dd', { 'data-test': 'trust' }, trustText(brand.trust)),
      h('dt', {}, t('brand.registered')), h('dd', { 'data-test': 'registered' }, when(brand.registeredAt))),
    trustBreakdown(brand)));

  section(sla, t('sla.what'), () => get(`/brands/${brandId}/sla`, { limit: 5 }), slaPanel);

  const load = () => jbpSection(jbp, brandId);
  load();
}

/** The shipping service level of the last 30 days: figures as the API gives them, money from integer fen. */
export function slaPanel(data) {
  const violations = data.violations || [];
  return h('div', { 'data-test': 'sla' },
    h('h2', {}, t('sla.title')),
    h('p', { class: 'muted', 'data-test': 'sla-period' }, t('sla.explain', { from: when(data.from), to: when(data.to) })),
    h('dl', { class: 'facts' },
      h('dt', {}, t('sla.rate')), h('dd', { 'data-test': 'sla-rate' }, formatBps(data.onTimeRateBps)),
      h('dt', {}, t('sla.onTime')), h('dd', { 'data-test': 'sla-on-time' }, String(data.shippedOnTime)),
      h('dt', {}, t('sla.late')), h('dd', { 'data-test': 'sla-late' }, String(data.late)),
      h('dt', {}, t('sla.open')), h('dd', {}, String(data.open)),
      h('dt', {}, t('sla.violations')), h('dd', { 'data-test': 'sla-violations' }, String(data.violationCount)),
      h('dt', {}, t('sla.compensation')), h('dd', { 'data-test': 'sla-compensation' }, formatFen(data.compensationFen))),
    violations.length ? table([
      { label: t('col.order'), cell: v => h('code', {}, v.orderId) },
      { label: t('sla.promisedBy'), cell: v => when(v.promise) },
      { label: t('sla.shipped'), cell: v => (v.shippedAt ? when(v.shippedAt) : h('span', { class: 'muted' }, t('sla.notYet'))) },
      { label: t('sla.compensationCol'), cell: v => money(v.compensationFen), class: 'num' },
    ], violations, { caption: data.next ? t('sla.firstOf', { shown: violations.length, count: data.violationCount }) : t('sla.violations') })
      : h('p', { class: 'muted' }, t('sla.none')));
}

export function trustText(trust) {
  if (typeof trust !== 'number') return '—';
  const words = t(trust >= 0.75 ? 'trust.high' : trust >= 0.45 ? 'trust.neutral' : 'trust.low');
  return t('trust.text', { value: trust.toFixed(2), words });
}

// What the brand's trust is made of: each component's value, weight and the record behind it.
export function trustBreakdown(party) {
  if (!Array.isArray(party.trustComponents)) return null;
  const name = part => (has(`trust.part.${part}`) ? t(`trust.part.${part}`) : part);
  return h('div', { 'data-test': 'trust-components' },
    table([
      { label: t('trust.col.part'), cell: c => name(c.name) },
      { label: t('trust.col.score'), cell: c => c.value.toFixed(2) },
      { label: t('trust.col.weight'), cell: c => `${Math.round(c.weight * 100)}%` },
      { label: t('trust.col.from'), cell: c => c.detail },
    ], party.trustComponents, { caption: t('trust.caption') }),
    typeof party.trustInMatching === 'number' && Math.abs(party.trustInMatching - party.trust) >= 0.005
      ? h('p', { class: 'muted' }, t('trust.catchingUp', { value: party.trustInMatching.toFixed(2) }))
      : null);
}

async function jbpSection(container, brandId) {
  const create = jbpForm(brandId, () => jbpSection(container, brandId));
  await section(container, t('jbp.what'), () => get(`/brands/${brandId}/jbp`, { limit: 10 }), page => {
    const list = h('div', { class: 'stack' });
    if (!page.items.length) {
      list.append(empty(t('jbp.empty'), t('jbp.emptyHint')));
    }
    for (const agreement of page.items) {
      const holder = h('div', { class: 'jbp' });
      list.append(holder);
      section(holder, t('jbp.progress.what'), () => get(`/brands/${brandId}/jbp/${agreement.jbpId}`), jbpProgress);
    }
    return h('div', {}, h('h2', {}, t('jbp.title')), list, create);
  });
}

function jbpProgress(progress) {
  return h('div', { 'data-test': `jbp-${progress.jbpId}` },
    h('h3', {}, t('jbp.period', { start: progress.periodStart, end: progress.periodEnd }), ' ',
      badge(statusName(progress.status), progress.status === 'OPEN' ? 'ok' : '')),
    progress.rebatePostedFen !== undefined ? h('p', {}, t('jbp.rebatePosted'), ' ', money(progress.rebatePostedFen)) : null,
    (progress.legs || []).map(leg => h('div', { class: 'leg', 'data-test': `leg-${leg.leg}` },
      h('div', { class: 'leg-head' },
        h('strong', {}, legName(leg.leg)),
        h('span', {}, tn('jbp.ofTarget', { gmv: h('span', { 'data-test': `leg-${leg.leg}-gmv` }, formatFen(leg.gmvFen)),
          target: formatFen(leg.targetFen) }))),
      h('progress', { max: 10000, value: Math.min(Number(leg.reachedBps) || 0, 10000),
        'aria-label': t('jbp.reachedLabel', { leg: legName(leg.leg) }) }),
      h('p', { class: 'muted small' },
        t('jbp.reached', { reached: formatBps(leg.reachedBps) }), ' ',
        leg.tier ? t('jbp.tier', { reached: formatBps(leg.tier.reachedBps), rebate: formatBps(leg.tier.rebateBps) })
          : t('jbp.noTier'), ' ',
        t('jbp.fees', { fee: formatFen(leg.salesFeeFen), rebate: formatFen(leg.rebateFen) })))));
}

function jbpForm(brandId, done) {
  // this month in China Standard Time, whatever the browser's zone
  const [year, month] = todayCst().split('-').map(Number);
  const iso = d => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
  const start = h('input', { name: 'periodStart', type: 'date', required: true, value: iso(new Date(Date.UTC(year, month - 1, 1))) });
  const end = h('input', { name: 'periodEnd', type: 'date', required: true, value: iso(new Date(Date.UTC(year, month, 0))) });
  const self = h('input', { name: 'self', inputmode: 'decimal', required: true, placeholder: '20000.00' });
  const distribution = h('input', { name: 'distribution', inputmode: 'decimal', required: true, placeholder: '100000.00' });
  const tiers = [1, 2].map(i => [
    h('input', { name: `reached${i}`, inputmode: 'decimal', placeholder: i === 1 ? '50' : '100', value: i === 1 ? '50' : '100' }),
    h('input', { name: `rebate${i}`, inputmode: 'decimal', placeholder: i === 1 ? '10' : '20', value: i === 1 ? '10' : '20' }),
  ]);
  const hosts = h('input', { name: 'hosts', placeholder: 'h_… , h_…' });
  const form = onSubmit(h('form', { class: 'form grid' },
    field(t('jbp.form.start'), start, { field: 'periodStart' }),
    field(t('jbp.form.end'), end, { field: 'periodEnd' }),
    field(t('jbp.form.selfTarget'), self, { field: 'targets.selfBroadcastGmvFen' }),
    field(t('jbp.form.distributionTarget'), distribution, { field: 'targets.distributionGmvFen' }),
    tiers.map(([reached, rebate], i) => [
      field(t('jbp.form.tierReached', { tier: i + 1 }), reached, { field: `rebateTiers[${i}].reachedBps` }),
      field(t('jbp.form.tierRebate', { tier: i + 1 }), rebate, { field: `rebateTiers[${i}].rebateBps` }),
    ]),
    field(t('jbp.form.hosts'), hosts, { field: 'selfBroadcastHostIds', hint: t('jbp.form.hostsHint') }),
    h('button', { type: 'submit', class: 'btn' }, t('jbp.form.create'))), async data => {
    const yuan = (name, apiField) => {
      const fen = parseYuan(data.get(name));
      if (fen === null) throw refuse(apiField, t('refuse.yuan'));
      return fen;
    };
    const rebateTiers = [];
    [1, 2].forEach((i, index) => {
      const reachedText = String(data.get(`reached${i}`)).trim();
      const rebateText = String(data.get(`rebate${i}`)).trim();
      if (!reachedText && !rebateText) return;
      const reachedBps = parsePercent(reachedText);
      const rebateBps = parsePercent(rebateText);
      if (reachedBps === null) throw refuse(`rebateTiers[${index}].reachedBps`, t('refuse.percent', { example: 50 }));
      if (rebateBps === null) throw refuse(`rebateTiers[${index}].rebateBps`, t('refuse.percent', { example: 10 }));
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
    toast(t('jbp.created', { id: created.jbpId }));
    done();
  });
  return h('details', { class: 'create' }, h('summary', {}, t('jbp.form.title')), form);
}

// ---------- products, page by page ----------

function products(view, brandId) {
  const list = h('section', { class: 'card wide' });
  const pager = new Pager(() => load());
  replace(view, h('div', { class: 'title-row' }, h('h1', {}, t('products.title')),
    h('a', { class: 'btn', href: '#/brand/products/new' }, t('nav.brand.newProduct'))), list);
  const load = () => section(list, t('products.what'),
    () => get(`/brands/${brandId}/products`, { limit: 10, next: pager.current }), page => {
      pager.seen(page.next);
      if (!page.items.length && pager.page === 1) {
        return empty(t('products.empty'), t('products.emptyHint'));
      }
      return h('div', {}, table([
        { label: t('col.product'), cell: p => h('div', {}, h('a', { href: `#/brand/products/${p.productId}`, 'data-test': 'product-link' }, p.title),
          h('div', { class: 'muted small' }, p.sku)) },
        { label: t('col.category'), cell: p => categoryName(p.category) },
        { label: t('col.price'), cell: p => money(p.priceFen), class: 'num' },
        { label: t('col.stock'), cell: p => String(p.stock), class: 'num' },
        { label: t('col.openRate'), cell: p => rate(p.rateSchedule.openRateBps), class: 'num' },
        { label: t('col.targeted'), cell: p => targetedText(p.rateSchedule.targeted) },
        { label: t('col.certificates'), cell: p => certificatesText(p.certificates) },
        { label: t('col.status'), cell: p => badge(statusName(p.status), p.status === 'ACTIVE' ? 'ok' : 'warn') },
      ], page.items), pager.controls(t('products.title')));
    });
  load();
}

function targetedText(targeted) {
  if (!targeted || !targeted.length) return h('span', { class: 'muted' }, t('products.openToAll'));
  return tc('products.targetedHosts', targeted.length);
}

function certificatesText(certificates) {
  const entries = Object.entries(certificates || {});
  if (!entries.length) return h('span', { class: 'muted' }, t('products.noCertificates'));
  const kindName = kind => (has(`certificate.${kind}`) ? t(`certificate.${kind}`) : kind.replace(/_/g, ' ').toLowerCase());
  return h('ul', { class: 'plain' }, entries.map(([kind, number]) => h('li', {}, t('products.certificate', { kind: kindName(kind), number }))));
}

// ---------- listing a product ----------

function targetedRows(container, prefix) {
  const rows = h('div', { class: 'stack', 'data-field': prefix });
  const add = () => {
    const i = rows.children.length;
    rows.append(h('div', { class: 'row' },
      field(t('targeted.hostId'), h('input', { name: `t${i}host`, placeholder: 'h_…', autocomplete: 'off' }), { field: `${prefix}[${i}].hostId` }),
      field(t('targeted.rate'), h('input', { name: `t${i}rate`, inputmode: 'decimal', placeholder: '25' }), { field: `${prefix}[${i}].rateBps` })));
  };
  container.append(rows, h('button', { type: 'button', class: 'btn ghost small', onclick: add }, t('targeted.add')));
  return rows;
}

function readTargeted(data, rows, prefix) {
  const targeted = [];
  for (let i = 0; i < rows.children.length; i++) {
    const hostId = String(data.get(`t${i}host`) || '').trim();
    const rateText = String(data.get(`t${i}rate`) || '').trim();
    if (!hostId && !rateText) continue;
    const rateBps = parsePercent(rateText);
    if (rateBps === null) throw refuse(`${prefix}[${i}].rateBps`, t('refuse.rate', { example: 25 }));
    targeted.push({ hostId, rateBps });
  }
  return targeted;
}

function newProduct(view, brandId, ctx) {
  const category = h('select', { name: 'category' }, CATEGORIES.map(c => h('option', { value: c }, categoryName(c))));
  const ship = h('select', { name: 'shipWithinHours' }, ['24', '48', '72'].map(v => h('option', { value: v, selected: v === '48' },
    t('product.hours', { hours: v }))));
  const targetedBox = h('fieldset', { class: 'fieldset' }, h('legend', {}, t('product.targetedOptional')),
    h('p', { class: 'hint' }, t('product.targetedHint')));
  const rows = targetedRows(targetedBox, 'targeted');
  const form = h('form', { class: 'form grid', novalidate: true, 'data-test': 'product-form' },
    field(t('product.sku'), h('input', { name: 'sku', autocomplete: 'off' }), { field: 'sku', hint: t('product.skuHint') }),
    field(t('product.title'), h('input', { name: 'title' }), { field: 'title' }),
    field(t('col.category'), category, { field: 'category' }),
    field(t('product.price'), h('input', { name: 'price', inputmode: 'decimal', placeholder: '128.00' }), { field: 'priceFen' }),
    field(t('col.stock'), h('input', { name: 'stock', inputmode: 'numeric', placeholder: '500' }), { field: 'stock' }),
    field(t('product.shipsWithin'), ship, { field: 'shipWithinHours', hint: t('product.shipsWithinHint') }),
    field(t('product.openRate'), h('input', { name: 'openRate', inputmode: 'decimal', placeholder: '20' }), { field: 'openRateBps',
      hint: t('product.openRateHint') }),
    field(t('product.exclusive'), h('input', { name: 'exclusive', type: 'checkbox' }), { field: 'exclusive', hint: t('product.exclusiveHint') }),
    field(t('product.inspection'), h('input', { name: 'QUALITY_INSPECTION', autocomplete: 'off' }),
      { field: 'certificates.QUALITY_INSPECTION', hint: t('product.inspectionHint') }),
    field(t('product.report'), h('input', { name: 'QUALITY_REPORT', autocomplete: 'off' }),
      { field: 'certificates.QUALITY_REPORT', hint: t('product.reportHint') }),
    targetedBox,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn' }, t('product.list')),
      h('a', { class: 'btn ghost', href: '#/brand/products' }, t('ui.cancel'))));
  onSubmit(form, async data => {
    const priceFen = parseYuan(data.get('price'));
    if (priceFen === null) throw refuse('priceFen', t('refuse.price'));
    const stockText = String(data.get('stock')).trim();
    if (!/^\d{1,12}$/.test(stockText)) throw refuse('stock', t('refuse.stock'));
    const openRateBps = parsePercent(data.get('openRate'));
    if (openRateBps === null) throw refuse('openRateBps', t('refuse.rate', { example: 20 }));
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
    toast(t('product.listed', { title: created.title }));
    ctx.go(`#/brand/products/${created.productId}`);
  });
  replace(view, h('h1', {}, t('nav.brand.newProduct')),
    h('p', { class: 'muted' }, t('product.rulesChecked')),
    h('section', { class: 'card wide' }, form));
}

// ---------- one product ----------

function productDetail(view, brandId, productId) {
  const head = h('section', { class: 'card wide' });
  const carriers = h('section', { class: 'card', 'data-test': 'carriers' });
  const recommended = h('section', { class: 'card', 'data-test': 'recommended-hosts' });
  replace(view, h('p', {}, h('a', { href: '#/brand/products' }, t('product.back'))), head, h('div', { class: 'grid-2' }, carriers, recommended));
  const loadHead = () => section(head, t('product.what'), () => get(`/products/${productId}`), product => productHead(product, loadHead));
  loadHead();
  carriersSection(carriers, productId);
  section(recommended, t('product.recommended.what'), () => get(`/products/${productId}/host-recommendations`, { limit: 10 }), found => h('div', {},
    h('h2', {}, t('product.recommended.title')),
    h('p', { class: 'muted' }, t('product.recommended.explain')),
    found.items.length ? h('ol', { class: 'ranked' }, found.items.map(host => h('li', { class: 'match' },
      h('div', { class: 'match-head' }, h('strong', {}, host.personaName), ' ',
        badge(t(host.kind === 'BRAND_SELF' ? 'product.yourAccount' : 'host.kind.independent')),
        h('span', { class: 'score' }, t('ui.score', { score: host.score.toFixed(2) }))),
      h('p', { class: 'muted small' }, t('product.recommended.line', {
        categories: host.categories.map(categoryName).join(t('ui.separator')), privateFans: number(host.privateFans),
        publicFans: number(host.publicFans), rate: formatBps(host.rateBps) })),
      scoreBreakdown(host.components))))
      : empty(t('product.recommended.empty'), t('product.recommended.emptyHint'))));
}

function productHead(product, reload) {
  const schedule = product.rateSchedule;
  const changeBox = h('div', {});
  const targetedBox = h('fieldset', { class: 'fieldset' }, h('legend', {}, t('product.targeted')));
  const rows = targetedRows(targetedBox, 'targeted');
  const form = onSubmit(h('form', { class: 'form grid', novalidate: true },
    field(t('product.newOpenRate'), h('input', { name: 'openRate', inputmode: 'decimal', placeholder: formatBps(schedule.openRateBps).replace('%', '') }),
      { field: 'openRateBps', hint: t('product.newOpenRateHint') }),
    targetedBox,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'btn' }, t('product.changeCommission')))), async data => {
    const body = { targeted: readTargeted(data, rows, 'targeted') };
    const openText = String(data.get('openRate')).trim();
    if (openText) {
      body.openRateBps = parsePercent(openText);
      if (body.openRateBps === null) throw refuse('openRateBps', t('refuse.rate', { example: 20 }));
    }
    const changed = await patch(`/products/${product.productId}/commission`, body);
    const waiting = (changed.rateSchedule.upcoming || []).length;
    toast(t(waiting ? 'product.savedLater' : 'product.savedNow'));
    reload();
  });
  replace(changeBox, h('details', { class: 'create' }, h('summary', {}, t('product.changeCommission')), form));
  return h('div', { 'data-test': 'product-detail' },
    h('h1', {}, product.title, ' ', badge(statusName(product.status), product.status === 'ACTIVE' ? 'ok' : 'warn')),
    h('div', { class: 'grid-2' },
      h('dl', { class: 'facts' },
        h('dt', {}, t('product.sku')), h('dd', {}, product.sku),
        h('dt', {}, t('col.category')), h('dd', {}, categoryName(product.category)),
        h('dt', {}, t('col.price')), h('dd', {}, money(product.priceFen)),
        h('dt', {}, t('col.stock')), h('dd', {}, String(product.stock)),
        h('dt', {}, t('product.shipsWithin')), h('dd', {}, t('product.shipsWithinValue', { hours: product.shipWithinHours })),
        h('dt', {}, t('product.exclusive')), h('dd', {}, t(product.exclusive ? 'product.exclusiveYes' : 'ui.no')),
        h('dt', {}, t('col.certificates')), h('dd', {}, certificatesText(product.certificates)),
        h('dt', {}, t('product.id')), h('dd', {}, h('code', {}, product.productId))),
      h('div', {},
        h('h2', {}, t('product.schedule')),
        h('p', {}, t('product.openRateIs'), ' ', h('strong', { 'data-test': 'open-rate' }, formatBps(schedule.openRateBps))),
        schedule.targeted.length ? table([
          { label: t('product.targetedHost'), cell: r => party(r.hostId) },
          { label: t('col.rate'), cell: r => rate(r.rateBps), class: 'num' },
        ], schedule.targeted) : h('p', { class: 'muted' }, t('product.noTargeted')),
        schedule.upcoming.length ? h('div', {}, h('h3', {}, t('product.upcoming')), table([
          { label: t('product.for'), cell: u => u.hostId ? party(u.hostId) : t('product.everyone') },
          { label: t('col.rate'), cell: u => rate(u.rateBps), class: 'num' },
          { label: t('col.from'), cell: u => when(u.effectiveFrom) },
        ], schedule.upcoming)) : null)),
    changeBox);
}

function carriersSection(container, productId) {
  const pager = new Pager(() => load());
  const load = () => section(container, t('carriers.what'),
    () => get(`/products/${productId}/hosts`, { limit: 10, next: pager.current }), page => {
      pager.seen(page.next);
      return h('div', {}, h('h2', {}, t('carriers.title')),
        page.items.length || pager.page > 1 ? h('div', {}, table([
          { label: t('col.host'), cell: c => h('div', {}, h('strong', { 'data-test': 'carrier' }, c.personaName), h('div', { class: 'muted small' }, c.hostId)) },
          { label: t('col.kind'), cell: c => t(c.kind === 'BRAND_SELF' ? 'product.yourAccount' : 'host.kind.independent') },
          { label: t('col.earns'), cell: c => rate(c.rateBps), class: 'num' },
          { label: t('col.picked'), cell: c => when(c.pickedAt) },
        ], page.items), pager.controls(t('carriers.title')))
          : empty(t('carriers.empty'), t('carriers.emptyHint')));
    });
  load();
}
