import { createApi, explainError, queries, tokenStorageKey } from './api.js';
import { h, replace } from './dom.js';
import { readRoute, tabs, windows, writeRoute } from './route.js';
import { renderAudit } from './viewAudit.js';
import { renderChecks } from './viewChecks.js';
import { renderClients } from './viewClients.js';
import { renderDeprecated } from './viewDeprecated.js';
import { renderExplorer } from './viewExplorer.js';
import { renderField } from './viewField.js';
import { renderOperations } from './viewOperations.js';
import { renderSla } from './viewSla.js';
import { renderSubgraphs } from './viewSubgraphs.js';
import { renderUnused } from './viewUnused.js';
import { renderUsage } from './viewUsage.js';
import { renderVersions } from './viewVersions.js';

/**
 * @typedef {object} ViewContext
 * @property {ReturnType<typeof createApi>} api
 * @property {string} graph
 * @property {string} variant
 * @property {string} since one of `windows`
 * @property {URLSearchParams} params the route's other keys
 * @property {(tab: string, patch: Record<string, string | undefined>) => void} go navigates, keeping graph, variant and window
 */

/** @type {Record<string, (context: ViewContext) => Promise<Node>>} */
const views = {
  versions: renderVersions,
  checks: renderChecks,
  explorer: renderExplorer,
  unused: renderUnused,
  deprecated: renderDeprecated,
  clients: renderClients,
  operations: renderOperations,
  subgraphs: renderSubgraphs,
  sla: renderSla,
  usage: renderUsage,
  audit: renderAudit,
  field: renderField,
};

const root = /** @type {HTMLElement} */ (document.getElementById('app'));
/** @type {{ name: string, variants: string[] }[]} */
let graphs = [];
let renderCount = 0;
/** @type {ReturnType<typeof createApi> | undefined} */
let currentApi;
let listening = false;

start();

function start() {
  // `?token=` lets a link carry the token once; it is kept in localStorage and taken out of the address bar.
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    localStorage.setItem(tokenStorageKey, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const token = localStorage.getItem(tokenStorageKey);
  if (token) void openRegistry(token);
  else showTokenForm();
}

/** @param {string} [problem] why the token is asked for again */
function showTokenForm(problem) {
  // Views of the refused token stop following the hash until another token is entered.
  currentApi = undefined;
  const input = h('input', { type: 'password', name: 'token', id: 'token-input', autocomplete: 'off', required: true, placeholder: 'sy_…' });
  const form = h(
    'form',
    {
      class: 'token-form card',
      onsubmit: (/** @type {Event} */ event) => {
        event.preventDefault();
        const value = /** @type {HTMLInputElement} */ (input).value.trim();
        if (!value) return;
        localStorage.setItem(tokenStorageKey, value);
        void openRegistry(value);
      },
    },
    h('h1', {}, 'Switchyard registry'),
    h('p', {}, 'Enter a registry token that can read your graph (READ, PUBLISH or ADMIN). It is kept in this browser only.'),
    problem ? h('p', { class: 'error', role: 'alert' }, problem) : null,
    h('label', { for: 'token-input' }, 'Registry token'),
    input,
    h('button', { type: 'submit' }, 'Open'),
  );
  replace(root, form);
  input.focus();
}

/** @param {string} token */
async function openRegistry(token) {
  replace(root, h('p', { class: 'loading', role: 'status' }, 'Connecting to the registry…'));
  const api = createApi(token);
  try {
    graphs = (await api.request(queries.graphs)).graphs;
  } catch (error) {
    showTokenForm(explainError(error));
    return;
  }
  const main = h('main', { id: 'view', 'aria-live': 'polite' });
  replace(root, h('header', { class: 'topbar' }), h('nav', { class: 'tabs', 'aria-label': 'Views' }), main);
  if (!listening) window.addEventListener('hashchange', () => currentApi && void renderPage(currentApi));
  listening = true;
  currentApi = api;
  void renderPage(api);
}

/** @param {ReturnType<typeof createApi>} api */
async function renderPage(api) {
  const route = readRoute(location.hash);
  const graph = graphs.find((candidate) => candidate.name === route.params.get('graph')) ?? graphs[0];
  const header = /** @type {HTMLElement} */ (root.querySelector('.topbar'));
  const nav = /** @type {HTMLElement} */ (root.querySelector('.tabs'));
  const main = /** @type {HTMLElement | null} */ (root.querySelector('#view'));
  if (!main) return;
  if (!graph) {
    replace(header, h('h1', {}, 'Switchyard registry'), signOutButton());
    replace(nav);
    replace(main, h('p', { class: 'empty' }, 'This token sees no graphs yet. Publish a subgraph first.'));
    return;
  }
  const variant = graph.variants.includes(route.params.get('variant') ?? '') ? (route.params.get('variant') ?? '') : (graph.variants[0] ?? '');
  const since = windows.includes(route.params.get('since') ?? '') ? (route.params.get('since') ?? '7d') : '7d';
  const base = { graph: graph.name, variant, since };
  /** @type {ViewContext['go']} */
  const go = (tab, patch) => {
    location.hash = writeRoute(tab, { ...Object.fromEntries(route.params), ...base, ...patch });
  };

  replace(
    header,
    h('h1', {}, 'Switchyard registry'),
    h(
      'label',
      {},
      'Graph ',
      select(
        graphs.map((candidate) => candidate.name),
        graph.name,
        (value) => go(route.tab, { graph: value, variant: undefined }),
        'graph-select',
      ),
    ),
    h('label', {}, 'Variant ', select(graph.variants, variant, (value) => go(route.tab, { variant: value }), 'variant-select')),
    h(
      'div',
      { class: 'window', role: 'group', 'aria-label': 'Time window' },
      ...windows.map((value) =>
        h('button', { type: 'button', class: value === since ? 'active' : '', 'aria-pressed': String(value === since), onclick: () => go(route.tab, { since: value }) }, value),
      ),
    ),
    signOutButton(),
  );
  replace(
    nav,
    ...tabs
      .filter((tab) => !tab.hidden)
      .map((tab) =>
      h(
        'a',
        {
          href: writeRoute(tab.id, base),
          class: tab.id === route.tab ? 'active' : '',
          'aria-current': tab.id === route.tab ? 'page' : undefined,
          'data-tab': tab.id,
        },
        tab.label,
      ),
    ),
  );

  const current = ++renderCount;
  const hash = location.hash;
  main.removeAttribute('data-route');
  replace(main, h('p', { class: 'loading', role: 'status' }, 'Loading…'));
  const view = views[route.tab] ?? renderVersions;
  try {
    const content = await view({ api, ...base, params: route.params, go });
    if (current !== renderCount) return;
    replace(main, content);
    // Marks which route the view shows, for tests and anything else waiting on it.
    main.dataset.route = hash;
  } catch (error) {
    if (current !== renderCount) return;
    if (error instanceof Error && 'code' in error && error.code === 'UNAUTHENTICATED') {
      showTokenForm(explainError(error));
      return;
    }
    replace(main, h('div', { class: 'error card', role: 'alert' }, h('strong', {}, 'Could not load this view. '), explainError(error)));
    main.dataset.route = hash;
  }
}

function signOutButton() {
  return h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      onclick: () => {
        localStorage.removeItem(tokenStorageKey);
        location.reload();
      },
    },
    'Change token',
  );
}

/**
 * @param {string[]} values @param {string} selected @param {(value: string) => void} onChange @param {string} id
 */
function select(values, selected, onChange, id) {
  const element = h(
    'select',
    { id, onchange: (/** @type {Event} */ event) => onChange(/** @type {HTMLSelectElement} */ (event.target).value) },
    ...values.map((value) => h('option', { value, selected: value === selected }, value)),
  );
  return element;
}
