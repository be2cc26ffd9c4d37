/** The page's stylesheet: one dark theme, system fonts, no external resource. @internal */
export const PAGE_STYLE = String.raw`
:root {
  --bg: #0f1419; --panel: #161c24; --line: #263040; --text: #d8dee9; --muted: #7d8899;
  --accent: #5ec4ff; --ok: #56d39a; --warn: #f5c451; --bad: #ff6b6b; --violet: #b694ff;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  color-scheme: dark;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
header.top { display: flex; align-items: center; gap: 16px; padding: 12px 20px; border-bottom: 1px solid var(--line); background: #121820; }
.brand { font-weight: 650; font-size: 16px; letter-spacing: .2px; }
.brand .logo { color: var(--accent); }
.muted { color: var(--muted); font-weight: 400; }
.where { color: var(--muted); font-family: var(--mono); font-size: 12px; }
.status { margin-left: auto; font-size: 12px; padding: 3px 10px; border-radius: 999px; border: 1px solid var(--line); color: var(--muted); }
.status::before { content: ""; display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 6px; background: var(--muted); vertical-align: 0; }
.status[data-status="live"] { color: var(--ok); border-color: #24543f; }
.status[data-status="live"]::before { background: var(--ok); box-shadow: 0 0 6px var(--ok); }
.status[data-status="terminated"] { color: var(--warn); border-color: #5a4a20; }
.status[data-status="terminated"]::before { background: var(--warn); }
.status[data-status="offline"] { color: var(--bad); border-color: #5a2a2a; }
.status[data-status="offline"]::before { background: var(--bad); }
.stats { display: grid; grid-template-columns: repeat(5, minmax(120px, 1fr)); gap: 12px; padding: 16px 20px 0; }
.stat { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 10px 14px; }
.stat .label { color: var(--muted); font-size: 11px; text-transform: uppercase; letter-spacing: .8px; }
.stat .value { font-size: 24px; font-weight: 600; font-variant-numeric: tabular-nums; }
.stat .value.bad { color: var(--bad); }
.stat .sub { color: var(--muted); font-size: 11px; font-family: var(--mono); min-height: 1em; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(300px, 2fr); gap: 16px; padding: 16px 20px 24px; }
aside { display: flex; flex-direction: column; gap: 16px; min-width: 0; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; min-width: 0; }
h2 { margin: 0 0 10px; font-size: 12px; text-transform: uppercase; letter-spacing: .9px; color: var(--muted); font-weight: 600; }
.empty { color: var(--muted); margin: 4px 0; font-style: italic; }
ul.tree, ul.tree ul { list-style: none; margin: 0; padding: 0; }
ul.tree ul { margin-left: 11px; padding-left: 14px; border-left: 1px solid var(--line); }
.node > .row { display: flex; align-items: center; gap: 6px; padding: 3px 6px; border-radius: 6px; white-space: nowrap; }
.node > .row:hover { background: #1c2430; }
.node > .row .dot { width: 8px; height: 8px; border-radius: 50%; background: var(--ok); flex: none; }
.kind-supervisor > .row .dot { background: var(--accent); border-radius: 2px; }
.kind-group > .row .dot { background: var(--violet); border-radius: 2px; transform: rotate(45deg); }
.node > .row .name { font-weight: 600; font-family: var(--mono); }
.node > .row .path { color: var(--muted); font-family: var(--mono); font-size: 11px; margin-left: 4px; overflow: hidden; text-overflow: ellipsis; }
.badge { display: inline-block; font-size: 11px; line-height: 16px; padding: 0 7px; border-radius: 999px; border: 1px solid var(--line); color: var(--muted); font-variant-numeric: tabular-nums; font-family: var(--mono); }
.badge.kind-supervisor { color: var(--accent); border-color: #1f4a66; }
.badge.kind-group { color: var(--violet); border-color: #44376a; }
.badge.kind-actor { color: var(--ok); border-color: #24543f; }
.badge.hot { color: #fff; background: #7a2630; border-color: #a33; }
.badge.busy { color: #111; background: var(--warn); border-color: var(--warn); }
.badge.active { color: var(--accent); border-color: #1f4a66; }
.badge.thread { color: var(--violet); }
.node.flash > .row { animation: flash 1.6s ease-out; }
@keyframes flash { from { background: #5a1f27; } to { background: transparent; } }
ol.errors, ol.events, ul.nodes { list-style: none; margin: 0; padding: 0; }
.error { border-left: 3px solid var(--bad); background: #1b1417; border-radius: 6px; padding: 8px 10px; margin-bottom: 8px; }
.error .head { display: flex; gap: 8px; align-items: baseline; flex-wrap: wrap; }
.error .name { color: var(--bad); font-weight: 650; font-family: var(--mono); }
.error .text { overflow-wrap: anywhere; }
.error .where { color: var(--muted); font-size: 12px; font-family: var(--mono); margin-top: 2px; }
.error summary { cursor: pointer; color: var(--muted); font-size: 12px; margin-top: 4px; }
.error pre { margin: 6px 0 0; padding: 8px; background: #0c1015; border-radius: 6px; font: 11.5px/1.5 var(--mono); white-space: pre-wrap; overflow-wrap: anywhere; max-height: 220px; overflow: auto; color: #c9b7b7; }
.nodes li { display: flex; gap: 8px; align-items: center; font-family: var(--mono); padding: 2px 0; }
.nodes li::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: var(--ok); }
.events li { display: grid; grid-template-columns: 88px 86px 1fr; gap: 8px; font-size: 12px; padding: 2px 0; border-bottom: 1px solid #1b222c; }
.events time { color: var(--muted); font-family: var(--mono); }
.events .path { font-family: var(--mono); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.ev-failed, .ev-escalated, .ev-node-down, .ev-frame-rejected { color: var(--bad); border-color: #5a2a2a; }
.ev-restarted, .ev-resized { color: var(--warn); border-color: #5a4a20; }
.ev-started, .ev-node-up { color: var(--ok); border-color: #24543f; }
footer { color: var(--muted); font-size: 11px; padding: 0 20px 16px; }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } .stats { grid-template-columns: repeat(2, 1fr); } }
`;
