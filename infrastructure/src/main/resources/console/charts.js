// Charts drawn as SVG from the API's figures. Geometry only: every label is the API's own value,
// formatted; no money is added, divided or rounded here.
import { formatFen } from './money.js';
import { h } from './ui.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  Object.entries(attrs || {}).forEach(([name, value]) => el.setAttribute(name, String(value)));
  children.forEach(child => el.append(child instanceof Node ? child : document.createTextNode(String(child))));
  return el;
}

const COMPONENT_NAMES = {
  categoryFit: 'Category fit', audience: 'Audience', conversion: 'Past conversion', trust: 'Trust', commission: 'Commission',
};

/** Why a match ranks where it does: each component's contribution to the score, as a stacked bar and in words. */
export function scoreBreakdown(components) {
  const total = components.reduce((sum, c) => sum + Math.max(0, c.contribution), 0) || 1;
  let x = 0;
  const bar = svg('svg', { class: 'stack-bar', viewBox: '0 0 100 6', preserveAspectRatio: 'none', role: 'img',
    'aria-label': 'score components' });
  components.forEach((c, i) => {
    const width = (Math.max(0, c.contribution) / total) * 100;
    bar.append(svg('rect', { x, y: 0, width, height: 6, class: `c${i % 5}` }, svg('title', {}, COMPONENT_NAMES[c.name] || c.name)));
    x += width;
  });
  return h('div', { class: 'why' }, bar,
    h('ul', { class: 'components' }, components.map((c, i) => h('li', { 'data-component': c.name },
      h('span', { class: `swatch c${i % 5}` }),
      h('span', { class: 'component-name' }, COMPONENT_NAMES[c.name] || c.name),
      h('span', { class: 'component-figures' }, `${c.value.toFixed(2)} × ${c.weight.toFixed(2)} = ${c.contribution.toFixed(2)}`),
      c.detail ? h('span', { class: 'component-detail muted' }, c.detail) : null))));
}

const plain = value => (typeof value === 'number' ? value.toLocaleString(undefined, { maximumFractionDigits: 2 }) : String(value));

/** A factor's rounded value as the API states it (a decimal string, half-even); "—" when it is undefined. */
const decimal = factor => {
  if (!factor || typeof factor.value !== 'string') return '—';
  return factor.value.includes('.') ? factor.value.replace(/\.?0+$/, '') : factor.value;
};

const STATUS_TEXT = {
  COMPLETE: 'The exact factors multiply back to the GMV; the values shown are rounded.',
  NO_ORDERS: 'Live-session audience but no counted order in this period: order value and repurchase are undefined.',
  NO_AUDIENCE: 'Orders but no recorded live-session audience in this period (sales outside recorded sessions).',
  NO_DATA: 'No live sessions or orders in this period yet.',
};

/**
 * The GMV decomposition of SPEC "GMV analytics" as GET /analytics/…/gmv answers it:
 * UV × watch hours per UV × first orders per watch hour × average order value × repurchase frequency = GMV,
 * as a chain of factors with the audience split drawn as a bar. Money is the API's integer fen, formatted.
 */
export function gmvDecomposition(data) {
  const f = data.factors || {};
  const minutes = data.watchMinutesPerUv ? ` (${decimal(data.watchMinutesPerUv)} min)` : '';
  const factors = [
    { label: 'Unique viewers', text: plain(data.uv), test: 'uv' },
    { label: `Watch hours per viewer${minutes}`, text: decimal(f.watchHoursPerUv), test: 'watchHoursPerUv' },
    { label: 'First orders per watch hour', text: decimal(f.firstOrdersPerWatchHour), test: 'firstOrdersPerWatchHour' },
    { label: 'Average order value', text: f.averageOrderValueFen ? formatFen(f.averageOrderValueFen.fen) : '—',
      test: 'averageOrderValueFen' },
    { label: 'Repurchase frequency', text: decimal(f.repurchaseFrequency), test: 'repurchaseFrequency' },
  ];
  const chain = h('div', { class: 'chain', 'data-test': 'gmv-chain' },
    factors.map((factor, i) => [i ? h('span', { class: 'op', 'aria-hidden': 'true' }, '×') : null,
      h('div', { class: 'factor', 'data-factor': factor.test }, h('span', { class: 'factor-value' }, factor.text),
        h('span', { class: 'factor-label' }, factor.label))]),
    h('span', { class: 'op', 'aria-hidden': 'true' }, '='),
    h('div', { class: 'factor total' }, h('span', { class: 'factor-value', 'data-test': 'gmv-total' }, formatFen(data.gmvFen)),
      h('span', { class: 'factor-label' }, 'GMV')));
  const audience = typeof data.privateUv === 'number' && typeof data.publicUv === 'number' && data.privateUv + data.publicUv > 0
    ? audienceBar(data.privateUv, data.publicUv) : null;
  const figures = h('p', { class: 'muted', 'data-test': 'gmv-figures' },
    `${plain(data.sessions)} live sessions · ${plain(data.watchMinutes)} watch minutes · ${plain(data.orders)} orders by `
    + `${plain(data.buyers)} buyers · paid ${formatFen(data.paidFen)}, refunded ${formatFen(data.refundedFen)}.`);
  const held = data.heldOrders > 0
    ? h('p', { class: 'notice', 'data-test': 'gmv-held' }, `${plain(data.heldOrders)} held order(s) worth `
      + `${formatFen(data.heldGmvFen)} are left out until risk review releases them.`) : null;
  return h('div', { class: 'gmv' }, chain, audience,
    h('p', { class: 'muted', 'data-test': 'gmv-status' }, STATUS_TEXT[data.status] || data.status), figures, held);
}

function audienceBar(privateUv, publicUv) {
  const share = (privateUv / (privateUv + publicUv)) * 100;
  return h('figure', { class: 'audience' },
    svg('svg', { class: 'stack-bar tall', viewBox: '0 0 100 10', preserveAspectRatio: 'none', role: 'img',
      'aria-label': `private-domain ${privateUv}, public-domain ${publicUv} viewers` },
    svg('rect', { x: 0, y: 0, width: share, height: 10, class: 'c0' }),
    svg('rect', { x: share, y: 0, width: 100 - share, height: 10, class: 'c1' })),
    h('figcaption', {}, h('span', { class: 'swatch c0' }), `Private domain ${plain(privateUv)}  `,
      h('span', { class: 'swatch c1' }), `Public domain ${plain(publicUv)}`));
}
