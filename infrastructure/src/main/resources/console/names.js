// Host and brand names in place of their ids. A screen asks for a name per row; every id asked for in the same
// moment goes to the API in one GET /names?ids=… (at most 100 an answer), and names are kept for the tab, so a
// page of 50 settlement lines costs one request, not 50.
import { get } from './api.js';
import { h } from './ui.js';

const known = new Map();      // id → name, or null when the API knows no name it will show this reader
const waiting = new Map();    // id → [resolve] while its batch is in flight
let batch = null;

const isParty = id => typeof id === 'string' && /^[hb]_/.test(id);

function flush() {
  const ids = [...waiting.keys()].filter(id => !known.has(id));
  const callbacks = new Map(waiting);
  waiting.clear();
  batch = null;
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    get('/names', { ids: chunk.join(',') })
      .then(answer => chunk.forEach(id => known.set(id, (answer && answer.names && answer.names[id]) || null)))
      .catch(() => chunk.forEach(id => known.set(id, null)))
      .finally(() => chunk.forEach(id => (callbacks.get(id) || []).forEach(resolve => resolve(known.get(id)))));
  }
  callbacks.forEach((resolves, id) => {
    if (known.has(id)) resolves.forEach(resolve => resolve(known.get(id)));
  });
}

/** The name of a host or brand id, or null when it has none the reader may see. */
export function nameOf(id) {
  if (!isParty(id)) return Promise.resolve(null);
  if (known.has(id)) return Promise.resolve(known.get(id));
  return new Promise(resolve => {
    waiting.set(id, [...(waiting.get(id) || []), resolve]);
    if (!batch) batch = setTimeout(flush, 0);
  });
}

/**
 * A party as a person reads it: its name, with the id kept in the tooltip and as data-party; the id itself
 * until the name arrives, and for an id with no name (a buyer, or a brand the reader may not see).
 */
export function party(id, tag = 'span', attrs = {}) {
  const el = h(tag, { ...attrs, class: `party-name ${attrs.class || ''}`.trim(), title: id, 'data-party': id },
    h('code', {}, id));
  nameOf(id).then(name => {
    if (name) el.replaceChildren(name);
  });
  return el;
}
