// The relops dashboard: signs in once (the token goes into an HttpOnly cookie), then renders every snapshot the
// dashboard-service pushes over server-sent events. No framework and no dependency: the page is one file.
'use strict';

// A page that is never reloaded keeps this stamp: the browser test reads it to tell an update from a reload.
window.relopsDashboard = { loadedAt: Date.now(), snapshots: 0 };

// The APIs write every state lower case; these are compared with it as written.
const TONES = {
  ok: ['ready', 'fulfilled', 'completed', 'healthy', 'enabled'],
  bad: ['failed', 'quarantined', 'halted', 'rejected', 'unplaceable'],
  wait: ['pending', 'submitted', 'placing', 'reserved', 'replacing', 'decommissioning', 'waiting'],
  off: ['decommissioned', 'retired', 'destroyed', 'disabled'],
  free: ['free'],
};
const ENDED = ['fulfilled', 'decommissioned'];
let snapshot = null;
let stream = null;

function tone(state) {
  for (const [name, states] of Object.entries(TONES)) if (states.includes(state)) return name;
  return 'busy';
}

function needsAttention(request) { return request.stuck || request.state === 'failed'; }

// Builds an element; text is always text (API values are never parsed as HTML).
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null) continue;
    if (key === 'text') node.textContent = value; else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function badge(state) { return el('span', { class: 'badge', 'data-tone': tone(state), text: state }); }

function duration(seconds) {
  seconds = Math.max(0, Math.round(seconds));
  if (seconds < 90) return seconds + ' s';
  if (seconds < 5400) return Math.round(seconds / 60) + ' min';
  if (seconds < 172800) return Math.round(seconds / 3600) + ' h';
  return Math.round(seconds / 86400) + ' d';
}

function since(time) { return time ? (Date.now() - Date.parse(time)) / 1000 : 0; }

function fill(tbody, rows, empty, columns) {
  tbody.replaceChildren(...(rows.length ? rows
      : [el('tr', {}, el('td', { colspan: columns, class: 'muted', text: empty }))]));
}

// Stuck and failed first, then the ones in progress (oldest first), then the ended ones (newest first).
function requestOrder(a, b) {
  const rank = r => needsAttention(r) ? 0 : ENDED.includes(r.state) ? 2 : 1;
  return rank(a) - rank(b) || (rank(a) === 2 ? Date.parse(b.createdAt) - Date.parse(a.createdAt)
      : Date.parse(a.createdAt) - Date.parse(b.createdAt));
}

function renderRequests(requests) {
  const shown = [...requests].sort(requestOrder).slice(0, 30);
  const active = requests.filter(r => !ENDED.includes(r.state)).length;
  document.getElementById('request-summary').textContent =
      `${requests.length} in all, ${active} in progress` + (requests.length > 30 ? ', the 30 that matter most shown' : '');
  document.getElementById('requests').replaceChildren(...(shown.length ? shown.map(request => {
    const ready = request.machines.filter(m => m.state === 'ready').length;
    return el('div', { class: 'request', 'data-request': request.id, 'data-state': request.state,
        'data-attention': String(needsAttention(request)) },
      el('div', { class: 'head' },
        el('span', { class: 'id', title: request.id, text: request.id.slice(0, 8) }),
        badge(request.stuck ? 'stuck' : request.state),
        el('span', { text: `${request.count} × ${request.image}${request.imageVersion ? ' v' + request.imageVersion : ''}` }),
        el('span', { class: 'muted', text: request.step || '' }),
        el('span', { class: 'age', 'data-since': request.createdAt, text: duration(since(request.createdAt)) + ' old' }),
        request.requestedBy ? el('span', { class: 'muted', text: 'by ' + request.requestedBy }) : null,
        request.reason ? el('span', { class: 'reason', text: request.reason }) : null),
      el('div', { class: 'progress', title: `${ready} of ${request.count} ready` },
        el('div', { style: `width:${request.count ? Math.round(100 * ready / request.count) : 0}%` })),
      el('div', { class: 'chips' }, request.machines.map(machine =>
        el('span', { class: 'chip', 'data-hostname': machine.hostname, 'data-state': machine.state,
            'data-tone': tone(machine.state), title: machine.lastError || machine.step || '' },
          `${machine.hostname} ${machine.state}`))));
  }) : [el('p', { class: 'muted', text: 'no requests yet' })]));
}

function renderMachines(requests) {
  const machines = requests.flatMap(r => r.machines).filter(m => m.state !== 'decommissioned');
  document.getElementById('machine-summary').textContent = `${machines.length} live`;
  fill(document.querySelector('#machines tbody'), machines.map(m =>
    el('tr', { 'data-hostname': m.hostname, 'data-state': m.state },
      el('td', { text: m.hostname }), el('td', {}, badge(m.state)), el('td', { text: m.step || '' }),
      el('td', { text: m.imageVersion ? 'v' + m.imageVersion : '' }),
      el('td', { class: 'address', text: m.address || '' }),
      el('td', { text: m.master || '' }),
      el('td', { 'data-since': m.stateChangedAt, text: duration(since(m.stateChangedAt)) }))),
    'no live machines', 7);
}

function renderRacks(systems) {
  const datacenters = new Map();
  for (const system of systems) {
    const where = system.location || {};
    const dc = where.datacenter || '(no datacenter)';
    const rack = `${where.row || '?'}/${where.rack || '?'}`;
    if (!datacenters.has(dc)) datacenters.set(dc, new Map());
    const racks = datacenters.get(dc);
    if (!racks.has(rack)) racks.set(rack, []);
    racks.get(rack).push(system);
  }
  const counts = {};
  systems.forEach(s => { counts[s.state] = (counts[s.state] || 0) + 1; });
  document.getElementById('rack-summary').textContent = `${systems.length} systems: ` +
      Object.entries(counts).map(([state, n]) => `${n} ${state}`).join(', ');
  document.getElementById('legend').replaceChildren(...Object.keys(TONES).concat('busy').map(name =>
    el('span', { style: `--c: var(--${name})`, text: name === 'busy' ? 'provisioning' : TONES[name][0] })));
  document.getElementById('racks').replaceChildren(...[...datacenters.entries()].sort().map(([dc, racks]) =>
    el('div', { class: 'datacenter' }, el('h3', { text: dc }),
      el('div', { class: 'rows' }, [...racks.entries()].sort().map(([rack, members]) =>
        el('div', { class: 'rack', 'data-rack': `${dc}/${rack}` },
          el('div', { class: 'rack-name', text: rack }),
          members.sort((a, b) => a.name.localeCompare(b.name)).map(system =>
            el('div', { class: 'slot', 'data-system': system.name, 'data-state': system.state,
                style: `background: var(--${tone(system.state)})`,
                title: `${system.name}: ${system.state}` + (system.reservation ? ` (${system.reservation.hostname})` : '') },
              system.reservation ? system.reservation.hostname : ''))))))));
}

function renderImages(images, health, rollouts) {
  fill(document.querySelector('#images tbody'), images.map(image => {
    const versions = health.filter(h => h.image === image.name);
    const suspect = versions.filter(h => h.suspect).map(h => 'v' + h.imageVersion);
    return el('tr', { 'data-image': image.name },
      el('td', { text: image.name }), el('td', { text: image.latestVersion ? 'v' + image.latestVersion : 'building' }),
      el('td', {}, suspect.length ? badge('suspect ' + suspect.join(', ')) : el('span', { class: 'muted', text: 'ok' })));
  }), 'no images', 3);
  // imaging lists the rollouts newest first: the last ten are its first ten
  fill(document.querySelector('#rollouts tbody'), rollouts.slice(0, 10).map(rollout => {
    const machines = rollout.waves.flatMap(w => w.machines);
    const done = machines.filter(m => tone(m.state) === 'ok').length;
    return el('tr', {}, el('td', { text: rollout.image }), el('td', { text: 'v' + rollout.imageVersion }),
      el('td', {}, badge(rollout.state)), el('td', { text: rollout.startedBy || '' }),
      el('td', { text: `${done}/${machines.length}` }));
  }), 'no rollouts', 5);
}

function renderSilos(silos, deadLetters) {
  document.getElementById('silos').replaceChildren(...(silos.length ? silos.map(silo => {
    const counts = Object.entries(silo.masters || {});
    const most = Math.max(1, ...counts.map(([, n]) => n));
    return el('div', { class: 'silo' },
      el('div', { class: 'muted', text: `${silo.pool} · ${silo.distro} ${silo.bitlength} · ${silo.datacenter} · ` +
          `${silo.slaves} slaves` + (silo.unallocated ? `, ${silo.unallocated} unallocated` : '') }),
      counts.map(([master, n]) => el('div', { class: 'bar', 'data-master': master, 'data-slaves': n },
        el('span', { text: master }), el('div', { class: 'fill', style: `width:${4 + 10 * n / most}rem` }),
        el('span', { text: String(n) }))));
  }) : [el('p', { class: 'muted', text: 'no masters with slaves yet' })]));
  fill(document.querySelector('#dead-letters tbody'), Object.entries(deadLetters).map(([service, depth]) =>
    el('tr', {}, el('td', { text: service }),
      el('td', { class: 'depth', 'data-waiting': String(depth > 0), text: depth ? `${depth} waiting` : 'none' }))),
    'no dead-letter queues yet', 2);
}

function renderEvents(events) {
  document.getElementById('events').replaceChildren(...events.map(event => el('li', { 'data-type': event.type },
    el('time', { text: new Date(event.time).toISOString().slice(11, 19) }),
    el('strong', { text: event.type }), ' ',
    [event.hostname, event.system || event.systemName, event.image, event.master].filter(Boolean).join(' '),
    event.actor ? el('span', { class: 'muted', text: ' by ' + event.actor }) : null)));
}

function render(next) {
  snapshot = next;
  window.relopsDashboard.snapshots++;
  window.relopsDashboard.version = next.version;
  const problems = Object.entries(next.unavailable || {});
  const box = document.getElementById('unavailable');
  box.hidden = problems.length === 0;
  box.replaceChildren(...problems.map(([what, why]) => el('div', { text: `${what}: ${why} (showing the last read)` })));
  renderRequests(next.requests);
  renderRacks(next.systems);
  renderMachines(next.requests);
  renderImages(next.images, next.imageHealth, next.rollouts);
  renderSilos(next.silos, next.deadLetters);
  renderEvents(next.events);
  document.getElementById('updated').textContent = next.updatedAt
      ? 'updated ' + new Date(next.updatedAt).toLocaleTimeString() : '';
}

// Ages tick every second without waiting for the next snapshot.
setInterval(() => document.querySelectorAll('[data-since]').forEach(node => {
  const age = duration(since(node.getAttribute('data-since')));
  node.textContent = node.classList.contains('age') ? age + ' old' : age;
}), 1000);

function connection(state) {
  const badgeNode = document.getElementById('connection');
  badgeNode.dataset.state = state;
  badgeNode.textContent = state;
}

function showSignIn(problem) {
  if (stream) { stream.close(); stream = null; }
  document.getElementById('board').hidden = true;
  document.getElementById('sign-out').hidden = true;
  document.getElementById('sign-in').hidden = false;
  document.getElementById('sign-in-problem').textContent = problem || '';
  connection('signed out');
}

function openStream() {
  document.getElementById('sign-in').hidden = true;
  document.getElementById('board').hidden = false;
  document.getElementById('sign-out').hidden = false;
  stream = new EventSource('v1/stream');
  stream.addEventListener('snapshot', event => { connection('live'); render(JSON.parse(event.data)); });
  stream.onerror = () => {
    connection('reconnecting');
    // a stream refused for its token is not retried by the browser: ask whether the session still holds
    if (stream && stream.readyState === EventSource.CLOSED) { stream = null; start(); }
  };
}

async function start() {
  const answer = await fetch('v1/snapshot', { credentials: 'same-origin' }).catch(() => null);
  if (answer === null) { connection('reconnecting'); setTimeout(start, 3000); return; }
  if (answer.status === 401 || answer.status === 403) { showSignIn(); return; }
  openStream();
}

document.getElementById('sign-in').addEventListener('submit', async event => {
  event.preventDefault();
  const answer = await fetch('v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: document.getElementById('token').value }) });
  if (answer.ok) { document.getElementById('token').value = ''; start(); return; }
  const problem = await answer.json().catch(() => ({}));
  showSignIn(problem.detail || problem.title || `refused (${answer.status})`);
});

document.getElementById('sign-out').addEventListener('click', async () => {
  await fetch('v1/session', { method: 'DELETE' });
  showSignIn();
});

start();
