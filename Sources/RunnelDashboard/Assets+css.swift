extension Assets {
    /// The stylesheet: variables, light and dark through `prefers-color-scheme`.
    static let css = #"""
:root {
  --bg: #ffffff; --fg: #1d2330; --muted: #5d6675; --line: #d9dee7; --panel: #f5f7fa; --accent: #2456c8;
  --ok: #1f8a4c; --bad: #c62f2f; --warn: #b7791f; --run: #2563eb; --idle: #8a94a6; --wait: #8b5cf6;
  --mono: "DejaVu Sans Mono", ui-monospace, monospace; --sans: "DejaVu Sans", system-ui, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root { --bg: #12151b; --fg: #e4e8ef; --muted: #9aa3b2; --line: #2d3340; --panel: #1b1f27; --accent: #7aa2ff;
    --ok: #3fb96f; --bad: #f06767; --warn: #e0a43c; --run: #5b8cff; --idle: #7c8596; --wait: #a78bfa; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.45 var(--sans); }
a { color: var(--accent); text-decoration: none; } a:hover { text-decoration: underline; }
code, pre, .mono { font-family: var(--mono); font-size: 12.5px; }
header.top { display: flex; gap: 1.5em; align-items: center; padding: .6em 1.2em; border-bottom: 1px solid var(--line); background: var(--panel); flex-wrap: wrap; }
.brand { font-weight: 700; color: var(--fg); }
nav a { margin-right: 1em; color: var(--muted); } nav a[aria-current] { color: var(--fg); font-weight: 600; }
.who { margin-left: auto; display: flex; gap: .8em; align-items: center; color: var(--muted); }
main { padding: 1em 1.2em 3em; max-width: 1400px; }
h1 { font-size: 1.35em; margin: .3em 0 .6em; } h2 { font-size: 1.1em; margin: 1.4em 0 .5em; }
.banner { background: var(--warn); color: #000; padding: .4em 1.2em; font-weight: 600; }
.flash { padding: .5em .8em; border-left: 4px solid var(--ok); background: var(--panel); }
.flash.error { border-color: var(--bad); }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .35em .6em; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: .9em; }
.tag { display: inline-block; padding: 0 .45em; border: 1px solid var(--line); border-radius: 9px; font-size: .85em; color: var(--muted); margin-right: .2em; }
.status { display: inline-block; padding: 0 .5em; border-radius: 9px; font-size: .85em; color: #fff; background: var(--idle); }
[data-status=completed].status, [data-status=active].status { background: var(--ok); }
[data-status=failed].status, [data-status=invalid].status { background: var(--bad); }
[data-status=running].status { background: var(--run); }
[data-status=awaiting_approval].status, [data-status=paused].status, [data-status=queued].status { background: var(--wait); }
[data-status=cancelled].status, [data-status=draft].status { background: var(--warn); }
form.inline { display: inline; margin: 0; }
form.filters { display: flex; gap: .6em; flex-wrap: wrap; align-items: end; margin-bottom: 1em; }
label { display: inline-flex; flex-direction: column; gap: .15em; font-size: .9em; color: var(--muted); }
input, select, textarea, button { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 4px; padding: .25em .5em; }
button { cursor: pointer; background: var(--panel); } button.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
button.danger { color: var(--bad); } button.link { border: 0; background: none; color: var(--accent); padding: 0; }
.actions { display: flex; gap: .5em; flex-wrap: wrap; margin: .6em 0; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(14em, 1fr)); gap: .5em 1.5em; margin: .5em 0 1em; }
.grid div span { display: block; color: var(--muted); font-size: .85em; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .6em .8em; margin: .6em 0; overflow-x: auto; }
.muted { color: var(--muted); } .error-text { color: var(--bad); } .required { color: var(--bad); }
pre { margin: 0; white-space: pre-wrap; word-break: break-word; }
.source { counter-reset: none; border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; }
.source .ln { display: flex; } .source .ln > a { flex: 0 0 3.5em; box-sizing: content-box; text-align: right; padding-right: .8em; color: var(--muted); user-select: none; }
.source .ln > code { white-space: pre; } .source .ln:target { background: var(--panel); }
.source .diag { display: flex; background: color-mix(in srgb, var(--bad) 12%, transparent); color: var(--bad); }
.source .diag > span { flex: 0 0 3.5em; padding-right: .8em; box-sizing: content-box; } .source .diag > code { white-space: pre; }
.dag { display: block; max-width: 100%; height: auto; }
.dag > path { fill: none; stroke: var(--muted); stroke-width: 1.4; marker-end: url(#arrow); } .dag .arrowhead { fill: var(--muted); }
.dag .node rect { fill: var(--panel); stroke: var(--line); stroke-width: 1.5; }
.dag .node text { fill: var(--fg); font: 12px var(--sans); }
.dag .node .badge { fill: var(--muted); font-size: 10px; }
.dag .node[data-status=completed] rect { stroke: var(--ok); fill: color-mix(in srgb, var(--ok) 18%, var(--bg)); }
.dag .node[data-status=failed] rect { stroke: var(--bad); fill: color-mix(in srgb, var(--bad) 18%, var(--bg)); }
.dag .node[data-status=running] rect { stroke: var(--run); fill: color-mix(in srgb, var(--run) 18%, var(--bg)); }
.dag .node[data-status=skipped] rect, .dag .node[data-status=cancelled] rect { stroke: var(--warn); stroke-dasharray: 4 3; }
.dag .node[data-status=awaiting_approval] rect { stroke: var(--wait); }
.gantt rect.bar { fill: var(--idle); } .gantt text { fill: var(--fg); font: 11px var(--sans); }
.gantt rect.bar[data-status=completed] { fill: var(--ok); } .gantt rect.bar[data-status=failed] { fill: var(--bad); }
.gantt rect.bar[data-status=running] { fill: var(--run); } .gantt rect.bar[data-status=awaiting_approval] { fill: var(--wait); }
.gantt line { stroke: var(--line); }
.log { max-height: 20em; overflow-y: auto; background: var(--panel); padding: .4em .6em; border-radius: 4px; }
.log .stderr { color: var(--bad); }
details > summary { cursor: pointer; }
.pager { display: flex; gap: 1em; margin: .8em 0; }
.diff .add { color: var(--ok); } .diff .del { color: var(--bad); } .diff .hunk { color: var(--muted); }
.signin { max-width: 26em; margin: 4em auto; } .signin input { width: 100%; }
"""#
}
