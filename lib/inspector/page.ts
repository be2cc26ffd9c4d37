import { createHash } from 'node:crypto';
import { PAGE_SCRIPT } from './page-script';
import { PAGE_STYLE } from './page-style';

/**
 * The inspector's page: one self-contained HTML document, with its stylesheet and script
 * inline (no CDN, no request but `/events`). A TypeScript string, so it is found alike
 * under ts-node and in a compiled build. @internal
 */
export const PAGE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>rampart inspector</title>
<link rel="icon" href="data:,">
<style>${PAGE_STYLE}</style>
</head>
<body data-snapshots="0">
<header class="top">
  <div class="brand"><span class="logo">&#9670;</span> rampart <span class="muted">inspector</span></div>
  <div class="where" id="node"></div>
  <div class="status" id="status" data-status="connecting">connecting</div>
</header>
<section class="stats">
  <div class="stat"><div class="label">actors</div><div class="value" id="stat-actors">-</div><div class="sub"></div></div>
  <div class="stat"><div class="label">messages / s</div><div class="value" id="stat-rate">-</div><div class="sub"></div></div>
  <div class="stat"><div class="label">dead letters / s</div><div class="value" id="stat-dead">-</div><div class="sub" id="stat-dead-reasons"></div></div>
  <div class="stat"><div class="label">restarts</div><div class="value" id="stat-restarts">-</div><div class="sub"></div></div>
  <div class="stat"><div class="label">nodes</div><div class="value" id="stat-nodes">-</div><div class="sub"></div></div>
</section>
<main>
  <section class="panel"><h2>Supervision tree</h2><ul class="tree" id="tree"></ul></section>
  <aside>
    <section class="panel"><h2>Last errors</h2><ol class="errors" id="errors"></ol><p class="empty" id="errors-empty">No failure so far.</p></section>
    <section class="panel"><h2>Cluster nodes</h2><ul class="nodes" id="nodes"></ul></section>
    <section class="panel"><h2>Recent events</h2><ol class="events" id="events"></ol><p class="empty" id="events-empty">No event yet.</p></section>
  </aside>
</main>
<footer>Updated a few times a second over Server-Sent Events from <code>/events</code>. Rates are over the last second.</footer>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The page's Content-Security-Policy: only its own inline style and script (by hash), and
 * only same-origin connections (`/events`). @internal
 */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src ${sha256(PAGE_STYLE)}`,
  `script-src ${sha256(PAGE_SCRIPT)}`,
  "connect-src 'self'",
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
