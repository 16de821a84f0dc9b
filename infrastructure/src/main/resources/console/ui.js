// Small DOM helpers. Text from the API only ever becomes text nodes (never HTML), so no value a
// brand or host typed can run as script in someone else's console.
import { formatBps, formatFen } from './money.js';
import { dateTime, has, t } from './i18n.js';

/** h('a', {href: '#/x', class: 'btn', onclick: fn}, 'text', child) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([name, value]) => {
    if (value === null || value === undefined || value === false) return;
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      el.className = value;
    } else if (name === 'value') {
      el.value = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  });
  append(el, children);
  return el;
}

function append(el, children) {
  children.flat(Infinity).forEach(child => {
    if (child === null || child === undefined || child === false) return;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  });
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const money = fen => h('span', { class: 'money' }, formatFen(fen));
export const rate = bps => h('span', { class: 'rate' }, formatBps(bps));

/** An instant in China Standard Time with the zone shown (see i18n.js). */
export function when(iso) {
  return dateTime(iso);
}

/** @param what the thing loading, already in the reader's words (a t() message) */
export function loading(what) {
  return h('p', { class: 'muted loading', role: 'status' }, t('ui.loading', { what }));
}

/** An empty list explained: what would be here, and how to get some. */
export function empty(title, hint) {
  return h('div', { class: 'empty' }, h('p', { class: 'empty-title' }, title), hint ? h('p', { class: 'muted' }, hint) : null);
}

/** An error explained in words; a route not deployed yet says so rather than looking broken. */
export function problem(error, what) {
  if (error && error.notAvailable) {
    return h('div', { class: 'notice', 'data-state': 'not-available' },
      h('strong', {}, t('ui.notAvailable', { what })),
      h('p', {}, t('ui.notAvailableHint')));
  }
  if (error && error.status === 0) {
    return h('div', { class: 'notice error', role: 'alert' }, h('strong', {}, t('ui.unreachable')), ' ', error.message);
  }
  const code = error && error.code ? ` (${error.code})` : '';
  return h('div', { class: 'notice error', role: 'alert' },
    h('strong', {}, t('ui.couldNotLoad', { what, code })), ' ', error ? error.message : t('ui.somethingWrong'));
}

/** Loads into a section: a loading line, then the rendering or the problem explained. */
export async function section(container, what, load, render) {
  replace(container, loading(what));
  try {
    const data = await load();
    replace(container, render(data));
  } catch (error) {
    replace(container, problem(error, what));
    if (!(error && error.code)) console.error(error);
  }
}

/**
 * A table that becomes labelled cards at a phone's width. columns: [{label, cell: row => node, class}];
 * rowAttrs: row => the attributes of its <tr> (a data-test and an id, say)
 */
export function table(columns, rows, { caption, rowAttrs } = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'table' },
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, columns.map(c => h('th', { scope: 'col', class: c.class }, c.label)))),
      h('tbody', {}, rows.map(row => h('tr', rowAttrs ? rowAttrs(row) : {},
        columns.map(c => h('td', { 'data-label': c.label, class: c.class }, c.cell(row))))))));
}

/**
 * Paging by the API's opaque next tokens: a stack of the tokens that opened each page seen, so
 * "Previous" goes back without the API needing to page backwards.
 */
export class Pager {
  constructor(onChange) {
    this.tokens = [null];
    this.next = null;
    this.onChange = onChange;
  }

  get current() {
    return this.tokens[this.tokens.length - 1];
  }

  get page() {
    return this.tokens.length;
  }

  seen(next) {
    this.next = next || null;
  }

  /** Previous / next buttons; nothing at all while everything fits on one page. */
  controls(label) {
    if (this.tokens.length <= 1 && !this.next) return null;
    return h('div', { class: 'pager', role: 'navigation', 'aria-label': t('ui.pages', { what: label }) },
      h('button', { type: 'button', class: 'btn ghost', disabled: this.tokens.length <= 1, 'data-test': 'prev',
        onclick: () => { this.tokens.pop(); this.onChange(); } }, t('ui.previous')),
      h('span', { class: 'muted' }, t('ui.page', { page: this.page })),
      h('button', { type: 'button', class: 'btn ghost', disabled: !this.next, 'data-test': 'next',
        onclick: () => { this.tokens.push(this.next); this.onChange(); } }, t('ui.next')));
  }
}

export function toast(message, kind) {
  const el = document.getElementById('toast');
  el.textContent = message;
  el.dataset.kind = kind || 'ok';
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 5000);
}

/**
 * Shows a refusal next to the field it names (inputs carry data-field with the API's field name,
 * e.g. "priceFen" or "certificates.QUALITY_INSPECTION"), or at the top of the form otherwise.
 */
export function showRefusal(form, error) {
  clearRefusals(form);
  const field = error && error.field;
  let target = field ? form.querySelector(`[data-field="${CSS.escape(field)}"]`) : null;
  if (!target && field) {
    // "targeted[0].rateBps" → the first targeted row's rate; "targeted" → the targeted block
    const prefix = field.replace(/\[(\d+)\]/, '.$1');
    target = form.querySelector(`[data-field="${CSS.escape(prefix)}"]`)
      || form.querySelector(`[data-field="${CSS.escape(field.split(/[.[]/)[0])}"]`);
  }
  const message = h('p', { class: 'field-error', role: 'alert' }, error.message, error.code ? h('code', {}, ` ${error.code}`) : null);
  if (target) {
    target.setAttribute('aria-invalid', 'true');
    const holder = target.closest('.field') || target;
    holder.classList.add('invalid');
    holder.append(message);
    target.focus({ preventScroll: false });
  } else {
    form.prepend(h('div', { class: 'notice error form-error', role: 'alert' }, message));
  }
}

export function clearRefusals(form) {
  form.querySelectorAll('.field-error, .form-error').forEach(el => el.remove());
  form.querySelectorAll('.invalid').forEach(el => el.classList.remove('invalid'));
  form.querySelectorAll('[aria-invalid]').forEach(el => el.removeAttribute('aria-invalid'));
}

/** A labelled input; `field` names the API field whose refusals show next to it. */
export function field(label, input, { hint, field: apiField } = {}) {
  if (apiField) input.setAttribute('data-field', apiField);
  const id = input.id || `f-${Math.random().toString(36).slice(2, 9)}`;
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, hint ? h('p', { class: 'hint' }, hint) : null);
}

/** Runs a form's submit with its button busy and refusals shown next to their fields. */
export function onSubmit(form, action) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    clearRefusals(form);
    if (button) button.disabled = true;
    try {
      await action(new FormData(form));
    } catch (error) {
      if (error && error.message) showRefusal(form, error);
      else console.error(error);
    } finally {
      if (button && button.isConnected) button.disabled = false;
    }
  });
  return form;
}

/** A refusal the console finds before asking the API (a malformed amount, say), shaped like the API's. */
export function refuse(field, message) {
  return { status: 400, code: 'INVALID_FIELD', field, message };
}

/**
 * Facts of an object whose exact shape the console does not know: *Fen as money, *Bps as percent; a key is
 * labelled by its "field.<key>" message when the catalogue has one, else humanized.
 */
export function facts(object, skip = []) {
  const rows = Object.entries(object || {}).filter(([key, value]) => !skip.includes(key)
    && (value === null || ['string', 'number', 'boolean'].includes(typeof value)));
  return h('dl', { class: 'facts' }, rows.map(([key, value]) => [
    h('dt', {}, fieldLabel(key)),
    h('dd', {}, key.endsWith('Fen') ? formatFen(value) : key.endsWith('Bps') ? formatBps(value)
      : typeof value === 'boolean' ? t(value ? 'ui.yes' : 'ui.no') : value === null ? '—' : String(value)),
  ]));
}

/** A field or state name from the API in the reader's words: its "field.<key>" message, else humanized. */
export function fieldLabel(key) {
  return has(`field.${key}`) ? t(`field.${key}`) : humanize(key);
}

export function humanize(key) {
  const words = String(key).replace(/Fen$|Bps$/, '').replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function badge(text, kind) {
  return h('span', { class: `badge ${kind || ''}` }, text);
}
