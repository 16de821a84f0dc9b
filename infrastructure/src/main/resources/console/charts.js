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

function first(objects, names) {
  for (const object of objects) {
    for (const name of names) {
      if (object && object[name] !== undefined && object[name] !== null) return object[name];
    }
  }
  return undefined;
}

const plain = value => (typeof value === 'number' ? value.toLocaleString(undefined, { maximumFractionDigits: 2 }) : String(value));

/**
 * The GMV decomposition of SPEC "GMV analytics": UV (private + public) × watch time per UV × orders
 * per watch hour × average order value × repurchase frequency = GMV, as a chain of factors with the
 * audience split drawn as a bar.
 */
export function gmvDecomposition(data) {
  const sources = [data.factors && !Array.isArray(data.factors) ? data.factors : null, data.decomposition, data];
  const privateUv = first(sources, ['privateUv', 'privateDomainUv']);
  const publicUv = first(sources, ['publicUv', 'publicDomainUv']);
  const factors = Array.isArray(data.factors) ? data.factors.map(f => ({
    label: f.label || f.name, text: String(f.name || '').endsWith('Fen') ? formatFen(f.value) : plain(f.value),
  })) : [
    { label: 'Unique viewers', value: first(sources, ['uv', 'totalUv', 'viewers']) },
    { label: 'Watch minutes per viewer', value: first(sources, ['watchMinutesPerUv', 'watchTimePerUvMinutes', 'minutesPerUv']) },
    { label: 'Orders per watch hour', value: first(sources, ['ordersPerWatchHour']) },
    { label: 'Average order value', value: first(sources, ['averageOrderValueFen', 'aovFen']), money: true },
    { label: 'Repurchase frequency', value: first(sources, ['repurchaseFrequency', 'repurchase']) },
  ].filter(f => f.value !== undefined).map(f => ({ label: f.label, text: f.money ? formatFen(f.value) : plain(f.value) }));
  const gmvFen = first(sources, ['gmvFen']);
  const chain = h('div', { class: 'chain', 'data-test': 'gmv-chain' },
    factors.map((f, i) => [i ? h('span', { class: 'op', 'aria-hidden': 'true' }, '×') : null,
      h('div', { class: 'factor' }, h('span', { class: 'factor-value' }, f.text), h('span', { class: 'factor-label' }, f.label))]),
    gmvFen !== undefined ? [h('span', { class: 'op', 'aria-hidden': 'true' }, '='),
      h('div', { class: 'factor total' }, h('span', { class: 'factor-value' }, formatFen(gmvFen)), h('span', { class: 'factor-label' }, 'GMV'))] : null);
  const audience = typeof privateUv === 'number' && typeof publicUv === 'number' && privateUv + publicUv > 0
    ? audienceBar(privateUv, publicUv) : null;
  return h('div', { class: 'gmv' }, chain, audience,
    factors.length ? null : h('p', { class: 'muted' }, 'No live sessions or orders in this period yet.'));
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
