/**
 * The page's script: opens `/events` (with the page's `?token=`), and redraws the tree,
 * the numbers, the errors, the nodes and the events from each snapshot. It builds DOM
 * nodes with `textContent` only, so nothing from the system is ever parsed as HTML.
 * Kept free of backticks and dollar-braces: it lives in a template literal. @internal
 */
export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var token = new URLSearchParams(location.search).get('token');
  var source = new EventSource('/events' + (token ? '?token=' + encodeURIComponent(token) : ''));
  var lastRestarts = new Map();
  var lastTree = '';
  var lastErrors = '';
  var lastEvents = '';
  var lastNodes = '';
  var count = 0;

  function byId(id) { return document.getElementById(id); }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (key) {
      if (attrs[key] === undefined || attrs[key] === null) return;
      if (key === 'text') node.textContent = String(attrs[key]);
      else if (key === 'class') node.className = attrs[key];
      else node.setAttribute(key, String(attrs[key]));
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }
  function clock(ms) {
    var d = new Date(ms);
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return two(d.getHours()) + ':' + two(d.getMinutes()) + ':' + two(d.getSeconds()) + '.' + String(d.getMilliseconds()).padStart(3, '0');
  }
  function rate(n) { return n >= 100 ? String(Math.round(n)) : String(Math.round(n * 10) / 10); }
  function walk(node, visit) { if (!node) return; visit(node); node.children.forEach(function (c) { walk(c, visit); }); }

  function drawNode(node, snapshot) {
    var name = node.path === '/' ? '/' : node.path.slice(node.path.lastIndexOf('/') + 1);
    var before = lastRestarts.get(node.path);
    var li = el('li', {
      class: 'node kind-' + node.kind + (before !== undefined && node.restarts > before ? ' flash' : ''),
      'data-path': node.path, 'data-kind': node.kind, 'data-restarts': node.restarts,
      'data-mailbox': node.mailboxSize, 'data-rate': node.rate, 'data-thread': node.thread
    }, [
      el('div', { class: 'row', title: node.path }, [
        el('span', { class: 'dot' }),
        el('span', { class: 'name', text: name }),
        el('span', { class: 'badge kind-' + node.kind, text: node.kind }),
        el('span', { class: 'badge restarts' + (node.restarts > 0 ? ' hot' : ''), title: 'restarts', text: '\u21bb ' + node.restarts }),
        node.kind === 'actor' ? el('span', { class: 'badge mailbox' + (node.mailboxSize > 0 ? ' busy' : ''), title: 'queued messages', text: '\u2709 ' + node.mailboxSize }) : null,
        snapshot.measuresRates && node.kind !== 'supervisor' ? el('span', { class: 'badge rate' + (node.rate > 0 ? ' active' : ''), title: 'messages per second', text: rate(node.rate) + ' msg/s' }) : null,
        node.thread !== undefined ? el('span', { class: 'badge thread', title: 'worker thread id', text: 'thread ' + node.thread }) : null,
        el('span', { class: 'path', text: node.path })
      ]),
      node.children.length > 0 ? el('ul', null, node.children.map(function (c) { return drawNode(c, snapshot); })) : null
    ]);
    return li;
  }

  function drawTree(snapshot) {
    var key = JSON.stringify(snapshot.tree) + snapshot.measuresRates;
    if (key === lastTree) return;
    lastTree = key;
    var tree = byId('tree');
    tree.replaceChildren(snapshot.tree ? drawNode(snapshot.tree, snapshot) : el('li', { class: 'empty', text: 'The tree cannot be read.' }));
    lastRestarts = new Map();
    walk(snapshot.tree, function (n) { lastRestarts.set(n.path, n.restarts); });
  }

  function drawStats(snapshot) {
    var actors = 0, restarts = 0;
    walk(snapshot.tree, function (n) { if (n.kind === 'actor') actors++; restarts += n.restarts; });
    byId('stat-actors').textContent = String(actors);
    byId('stat-rate').textContent = snapshot.measuresRates ? rate(snapshot.messagesPerSecond) : 'n/a';
    var dead = byId('stat-dead');
    dead.textContent = rate(snapshot.deadLettersPerSecond);
    dead.setAttribute('data-dead-letters-per-second', snapshot.deadLettersPerSecond);
    dead.className = 'value' + (snapshot.deadLettersPerSecond > 0 ? ' bad' : '');
    byId('stat-dead-reasons').textContent = Object.keys(snapshot.deadLetterReasons).map(function (r) {
      return r + ' ' + rate(snapshot.deadLetterReasons[r]);
    }).join(' \u00b7 ');
    var stat = byId('stat-restarts');
    stat.textContent = String(restarts);
    stat.className = 'value' + (restarts > 0 ? ' bad' : '');
    byId('stat-nodes').textContent = String(snapshot.nodes.length);
  }

  function drawErrors(snapshot) {
    var key = snapshot.errors.map(function (e) { return e.id; }).join(',');
    if (key === lastErrors) return;
    lastErrors = key;
    var list = byId('errors');
    var open = new Set();
    list.querySelectorAll('details[open]').forEach(function (d) { open.add(d.getAttribute('data-error-id')); });
    list.replaceChildren.apply(list, snapshot.errors.slice().reverse().map(function (e) {
      var details = el('details', { 'data-error-id': e.id }, [el('summary', { text: 'stack' }), el('pre', { class: 'stack', text: e.stack })]);
      if (open.has(String(e.id))) details.open = true;
      return el('li', { class: 'error', 'data-error-id': e.id, 'data-path': e.path }, [
        el('div', { class: 'head' }, [el('span', { class: 'name', text: e.name }), el('span', { class: 'text', 'data-error-message': '', text: e.message })]),
        el('div', { class: 'where', text: e.path + (e.messageType ? ' \u00b7 handling ' + e.messageType : '') + ' \u00b7 ' + clock(e.at) }),
        details
      ]);
    }));
    byId('errors-empty').hidden = snapshot.errors.length > 0;
  }

  function drawNodes(snapshot) {
    var key = snapshot.node + '|' + snapshot.nodes.join(',');
    if (key === lastNodes) return;
    lastNodes = key;
    byId('node').textContent = 'node ' + snapshot.node;
    var list = byId('nodes');
    list.replaceChildren.apply(list, snapshot.nodes.map(function (n) {
      return el('li', { 'data-node': n }, [el('span', { text: n }), n === snapshot.node ? el('span', { class: 'badge', text: 'this node' }) : null]);
    }));
  }

  function drawEvents(snapshot) {
    var events = snapshot.events;
    var key = events.length ? String(events[events.length - 1].id) : '';
    if (key === lastEvents) return;
    lastEvents = key;
    var list = byId('events');
    list.replaceChildren.apply(list, events.slice().reverse().map(function (e) {
      var detail = e.path + (e.node ? ' ' + e.node : '') + (e.reason ? ' (' + e.reason + ')' : '');
      return el('li', { 'data-event-type': e.type }, [
        el('time', { text: clock(e.at) }),
        el('span', null, [el('span', { class: 'badge ev-' + e.type, text: e.type })]),
        el('span', { class: 'path', title: detail, text: detail })
      ]);
    }));
    byId('events-empty').hidden = events.length > 0;
  }

  function status(state, text) {
    var badge = byId('status');
    badge.setAttribute('data-status', state);
    badge.textContent = text;
  }

  source.onmessage = function (message) {
    var snapshot;
    try { snapshot = JSON.parse(message.data); } catch (e) { return; }
    if (!snapshot || !Array.isArray(snapshot.errors) || !Array.isArray(snapshot.events) || !Array.isArray(snapshot.nodes)) return;
    drawTree(snapshot);
    drawStats(snapshot);
    drawErrors(snapshot);
    drawNodes(snapshot);
    drawEvents(snapshot);
    count++;
    document.body.setAttribute('data-snapshots', count);
    if (snapshot.terminated) status('terminated', 'system terminated \u00b7 last snapshot');
    else status('live', 'live \u00b7 ' + clock(snapshot.at));
  };
  source.onerror = function () { status('offline', 'disconnected \u00b7 retrying'); };
})();
`;
