// Charts drawn as SVG from the API's figures. Geometry only: every label is the API's own value,
// formatted; no money is added, divided or rounded here.
import { formatFen } from './money.js';
import { h } from './ui.js';
import { has, number, t, tc } from './i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  Object.entries(attrs || {}).forEach(([name, value]) => el.setAttribute(name, String(value)));
  children.forEach(child => el.append(child instanceof Node ? child : document.createTextNode(String(child))));
  return el;
}

const componentName = name => (has(`component.${name}`) ? t(`component.${name}`) : name);

/** Why a match ranks where it does: each component's contribution to the score, as a stacked bar and in words. */
export function scoreBreakdown(components) {
  const total = components.reduce((sum, c) => sum + Math.max(0, c.contribution), 0) || 1;
  let x = 0;
  const bar = svg('svg', { class: 'stack-bar', viewBox: '0 0 100 6', preserveAspectRatio: 'none', role: 'img',
    'aria-label': t('chart.scoreComponents') });
  components.forEach((c, i) => {
    const width = (Math.max(0, c.contribution) / total) * 100;
    bar.append(svg('rect', { x, y: 0, width, height: 6, class: `c${i % 5}` }, svg('title', {}, componentName(c.name))));
    x += width;
  });
  return h('div', { class: 'why' }, bar,
    h('ul', { class: 'components' }, components.map((c, i) => h('li', { 'data-component': c.name },
      h('span', { class: `swatch c${i % 5}` }),
      h('span', { class: 'component-name' }, componentName(c.name)),
      h('span', { class: 'component-figures' }, `${c.value.toFixed(2)} × ${c.weight.toFixed(2)} = ${c.contribution.toFixed(2)}`),
      c.detail ? h('span', { class: 'component-detail muted' }, c.detail) : null))));
}

const plain = value => number(value);

/** A factor's rounded value as the API states it (a decimal string, half-even); "—" when it is undefined. */
const decimal = factor => {
  if (!factor || typeof factor.value !== 'string') return '—';
  return factor.value.includes('.') ? factor.value.replace(/\.?0+$/, '') : factor.value;
};

const statusText = status => (has(`gmv.status.${status}`) ? t(`gmv.status.${status}`) : status);

/**
 * The GMV decomposition of SPEC "GMV analytics" as GET /analytics/…/gmv answers it:
 * UV × watch hours per UV × first orders per watch hour × average order value × repurchase frequency = GMV,
 * as a chain of factors with the audience split drawn as a bar. Money is the API's integer fen, formatted.
 */
export function gmvDecomposition(data) {
  const f = data.factors || {};
  const minutes = data.watchMinutesPerUv ? t('gmv.minutes', { minutes: decimal(data.watchMinutesPerUv) }) : '';
  const factors = [
    { label: t('gmv.factor.uv'), text: plain(data.uv), test: 'uv' },
    { label: t('gmv.factor.watchHoursPerUv', { minutes }), text: decimal(f.watchHoursPerUv), test: 'watchHoursPerUv' },
    { label: t('gmv.factor.firstOrdersPerWatchHour'), text: decimal(f.firstOrdersPerWatchHour), test: 'firstOrdersPerWatchHour' },
    { label: t('gmv.factor.averageOrderValue'), text: f.averageOrderValueFen ? formatFen(f.averageOrderValueFen.fen) : '—',
      test: 'averageOrderValueFen' },
    { label: t('gmv.factor.repurchaseFrequency'), text: decimal(f.repurchaseFrequency), test: 'repurchaseFrequency' },
  ];
  const chain = h('div', { class: 'chain', 'data-test': 'gmv-chain' },
    factors.map((factor, i) => [i ? h('span', { class: 'op', 'aria-hidden': 'true' }, '×') : null,
      h('div', { class: 'factor', 'data-factor': factor.test }, h('span', { class: 'factor-value' }, factor.text),
        h('span', { class: 'factor-label' }, factor.label))]),
    h('span', { class: 'op', 'aria-hidden': 'true' }, '='),
    h('div', { class: 'factor total' }, h('span', { class: 'factor-value', 'data-test': 'gmv-total' }, formatFen(data.gmvFen)),
      h('span', { class: 'factor-label' }, t('gmv.gmv'))));
  const audience = typeof data.privateUv === 'number' && typeof data.publicUv === 'number' && data.privateUv + data.publicUv > 0
    ? audienceBar(data.privateUv, data.publicUv) : null;
  const figures = h('p', { class: 'muted', 'data-test': 'gmv-figures' }, t('gmv.figures', {
    sessions: plain(data.sessions), minutes: plain(data.watchMinutes), orders: plain(data.orders),
    // an estimate when a busy hour kept its buyers as a sketch (buyersEstimated)
    buyers: (data.buyersEstimated ? '≈' : '') + plain(data.buyers),
    paid: formatFen(data.paidFen), refunded: formatFen(data.refundedFen) }));
  const held = data.heldOrders > 0
    ? h('p', { class: 'notice', 'data-test': 'gmv-held' }, tc('gmv.held', data.heldOrders, { amount: formatFen(data.heldGmvFen) }))
    : null;
  return h('div', { class: 'gmv' }, chain, audience,
    h('p', { class: 'muted', 'data-test': 'gmv-status' }, statusText(data.status)), figures, held);
}

function audienceBar(privateUv, publicUv) {
  const share = (privateUv / (privateUv + publicUv)) * 100;
  return h('figure', { class: 'audience' },
    svg('svg', { class: 'stack-bar tall', viewBox: '0 0 100 10', preserveAspectRatio: 'none', role: 'img',
      'aria-label': t('gmv.audienceLabel', { private: plain(privateUv), public: plain(publicUv) }) },
    svg('rect', { x: 0, y: 0, width: share, height: 10, class: 'c0' }),
    svg('rect', { x: share, y: 0, width: 100 - share, height: 10, class: 'c1' })),
    h('figcaption', {}, h('span', { class: 'swatch c0' }), t('gmv.privateDomain', { count: plain(privateUv) }), '  ',
      h('span', { class: 'swatch c1' }), t('gmv.publicDomain', { count: plain(publicUv) })));
}

/**
 * The daily GMV of the period as the API answers it (`daily`: one entry per China Standard Time day, fen),
 * drawn as bars; each bar's height is its day's share of the largest day, and its label is the API's own amount.
 */
export function gmvDaily(daily) {
  const days = Array.isArray(daily) ? daily : [];
  if (!days.length) return h('p', { class: 'muted', 'data-test': 'gmv-daily-empty' }, t('gmv.daily.none'));
  const max = days.reduce((top, day) => Math.max(top, Number(day.gmvFen) || 0), 0) || 1;
  const width = 100;
  const height = 50;
  const top = 4;
  const bottom = 8;
  const step = width / days.length;
  const chart = svg('svg', { class: 'gmv-daily', viewBox: `0 0 ${width} ${height}`, role: 'img',
    'aria-label': t('gmv.daily.label', { first: days[0].date, last: days[days.length - 1].date }) });
  chart.append(svg('line', { x1: 0, y1: height - bottom, x2: width, y2: height - bottom, class: 'axis' }));
  days.forEach((day, i) => {
    const barHeight = ((Number(day.gmvFen) || 0) / max) * (height - top - bottom);
    chart.append(svg('rect', { x: i * step + step * 0.1, y: height - bottom - barHeight, width: step * 0.8,
      height: barHeight, class: 'bar', 'data-date': day.date, 'data-fen': day.gmvFen },
    svg('title', {}, t('gmv.daily.bar', { date: day.date, amount: formatFen(day.gmvFen), orders: plain(day.orders) }))));
  });
  // the first, middle and last dates under the axis, so a month still reads at a glance
  [...new Set([0, Math.floor((days.length - 1) / 2), days.length - 1])].forEach(i => chart.append(svg('text', {
    x: Math.min(width - 8, Math.max(0, i * step)), y: height - 2 }, days[i].date.slice(5))));
  chart.append(svg('text', { x: 0, y: 3 }, formatFen(days.reduce((best, day) => (Number(day.gmvFen) > Number(best.gmvFen) ? day : best)).gmvFen)));
  return h('figure', { class: 'daily', 'data-test': 'gmv-daily' }, chart,
    h('figcaption', { class: 'muted small' }, t('gmv.daily.caption', { first: days[0].date, last: days[days.length - 1].date })));
}
