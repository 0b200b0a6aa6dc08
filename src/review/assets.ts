/**
 * The review page's stylesheet and script, inlined into every page so the
 * file stands alone. Plain strings rather than separate asset files: the
 * build is `tsc` only, and a page that cannot find its assets is worse than
 * a long string here. The script is ES2020 without template literals (this
 * file is a template literal itself) and touches only the DOM the page
 * renders.
 */

export const STYLE = String.raw`
:root {
  --bg: #f4f5f8; --panel: #ffffff; --panel-2: #f9fafb; --text: #18202c; --muted: #5d6778; --faint: #8a93a3;
  --line: #e2e5eb; --line-2: #d3d8e0; --accent: #4338ca; --accent-soft: #eceafe; --focus: #6366f1;
  --accept: #15803d; --accept-bg: #e7f6ec; --accept-line: #9bd8b0;
  --reject: #be123c; --reject-bg: #fdecef; --reject-line: #f3a9b9;
  --del-bg: #fbdde2; --del-text: #9f1239; --ins-bg: #cff3da; --ins-text: #14532d;
  --high: #16a34a; --medium: #d97706; --low: #94a3b8;
  --shadow: 0 1px 2px rgba(16, 24, 40, .05), 0 1px 3px rgba(16, 24, 40, .06);
  --radius: 10px;
  --prose: "Iowan Old Style", "Palatino Linotype", Charter, Georgia, "DejaVu Serif", serif;
  --ui: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif;
  --mono: ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1216; --panel: #171b21; --panel-2: #1c2129; --text: #e5e9f0; --muted: #a0aab8; --faint: #778293;
    --line: #272d36; --line-2: #343b46; --accent: #a5b4fc; --accent-soft: #23264a; --focus: #818cf8;
    --accept: #4ade80; --accept-bg: #132a1c; --accept-line: #2f6b45;
    --reject: #fb7185; --reject-bg: #311820; --reject-line: #7a2e40;
    --del-bg: #4a1d27; --del-text: #fecdd3; --ins-bg: #173d26; --ins-text: #bbf7d0;
    --shadow: 0 1px 2px rgba(0, 0, 0, .4);
  }
}
* { box-sizing: border-box; }
html { scroll-padding-top: 96px; }
body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.45 var(--ui); -webkit-font-smoothing: antialiased; }
button, input { font: inherit; color: inherit; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip { position: absolute; left: -999px; top: 8px; z-index: 30; background: var(--panel); padding: 6px 10px; border-radius: 6px; }
.skip:focus { left: 8px; }
.mono { font-family: var(--mono); }
kbd { font: 600 11.5px/1 var(--mono); padding: 3px 6px; border: 1px solid var(--line-2); border-bottom-width: 2px; border-radius: 5px; background: var(--panel-2); }
code { font: 12.5px var(--mono); background: var(--panel-2); border: 1px solid var(--line); border-radius: 4px; padding: 0 4px; }

/* Header: what this is, how far along, and the one thing to do at the end. */
.top { position: sticky; top: 0; z-index: 20; display: flex; align-items: center; gap: 24px; padding: 10px 24px;
  background: color-mix(in srgb, var(--panel) 92%, transparent); backdrop-filter: blur(8px); border-bottom: 1px solid var(--line); }
.brand { display: flex; align-items: center; gap: 8px; flex: none; }
.mark { display: grid; place-items: center; width: 28px; height: 28px; border-radius: 8px; background: var(--accent); color: var(--panel);
  font: 700 17px/1 var(--prose); font-style: italic; }
.brand .name { font-weight: 700; font-size: 16px; letter-spacing: -.01em; }
.brand .sub { color: var(--muted); font-size: 16px; }
.progress { flex: 1; max-width: 560px; min-width: 0; }
.progress-text { font-size: 13px; color: var(--muted); margin-bottom: 5px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.progress-text strong { color: var(--text); font-size: 14px; }
.t-accept { color: var(--accept); } .t-reject { color: var(--reject); }
.progress-bar { display: flex; height: 6px; border-radius: 99px; background: var(--line); overflow: hidden; }
.progress-bar span { display: block; height: 100%; width: 0; transition: width .2s ease; }
.bar-accept { background: var(--accept); } .bar-reject { background: var(--reject); }
.top-actions { display: flex; gap: 8px; margin-left: auto; flex: none; }

button { cursor: pointer; border: 1px solid var(--line-2); background: var(--panel); border-radius: 8px; padding: 6px 12px; line-height: 1.2; }
button:hover { border-color: var(--faint); }
button:focus-visible, input:focus-visible, summary:focus-visible, a:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--panel); font-weight: 600; }
button.primary:hover { filter: brightness(1.08); }
button.icon { width: 34px; padding: 6px 0; font-weight: 700; }
button.link { border: 0; background: none; color: var(--accent); padding: 0; text-decoration: underline; }

.layout { display: grid; grid-template-columns: 292px minmax(0, 1fr); gap: 28px; max-width: 1320px; margin: 0 auto; padding: 22px 24px 80px; }

/* Side panel: filters and bulk actions, always in reach on a wide screen. */
.side { position: sticky; top: 78px; align-self: start; max-height: calc(100vh - 96px); overflow: auto; }
.filters { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow); }
.filters summary { display: none; }
.filters-body { padding: 14px 16px 12px; }
.field { margin: 0 0 16px; padding: 0; border: 0; min-width: 0; }
.field-label { display: flex; align-items: baseline; gap: 8px; font-size: 11.5px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); margin-bottom: 7px; padding: 0; }
.field-label output, .field-label .hint { margin-left: auto; font-weight: 500; letter-spacing: 0; text-transform: none; font-variant-numeric: tabular-nums; color: var(--faint); }
input[type=search] { width: 100%; padding: 7px 10px; border: 1px solid var(--line-2); border-radius: 8px; background: var(--panel-2); }
.segmented { display: grid; grid-template-columns: repeat(4, 1fr); background: var(--panel-2); border: 1px solid var(--line); border-radius: 8px; padding: 2px; }
.segmented label { position: relative; text-align: center; }
.segmented input { position: absolute; opacity: 0; inset: 0; margin: 0; cursor: pointer; }
.segmented span { display: block; padding: 4px 2px; border-radius: 6px; font-size: 12.5px; color: var(--muted); }
.segmented input:checked + span { background: var(--panel); color: var(--text); font-weight: 600; box-shadow: var(--shadow); }
.segmented input:focus-visible + span { outline: 2px solid var(--focus); }
.range { display: grid; gap: 2px; }
.range label { display: flex; align-items: center; gap: 8px; }
.range-end { width: 30px; font-size: 12px; color: var(--faint); }
.range input { flex: 1; min-width: 0; accent-color: var(--accent); margin: 2px 0; }
.check { display: flex; align-items: center; gap: 8px; padding: 3px 0; cursor: pointer; min-width: 0; }
.check input { margin: 0; accent-color: var(--accent); flex: none; }
.check .label { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.check .label.mono { font-size: 12.5px; }
.n { color: var(--faint); font-size: 12px; font-variant-numeric: tabular-nums; }
.dot { width: 9px; height: 9px; border-radius: 3px; flex: none; background: var(--faint); }
.fam-spin { background: #8b5cf6; } .fam-spintax { background: #f97316; } .fam-names { background: #0ea5e9; }
.fam-boilerplate { background: #64748b; } .fam-glued { background: #14b8a6; } .fam-mojibake { background: #eab308; } .fam-mt { background: #ec4899; }
.rule-list { max-height: 260px; overflow: auto; margin: 0 -6px; padding: 0 6px; }
.rule-row { display: flex; align-items: center; gap: 6px; border-radius: 6px; }
.rule-row .check { flex: 1; }
.rule-bulk { display: none; gap: 3px; }
.rule-row:hover .rule-bulk, .rule-row:focus-within .rule-bulk { display: flex; }
.rule-row:hover .n, .rule-row:focus-within .n { display: none; }
button.mini { padding: 1px 6px; font-size: 11.5px; border-radius: 5px; }
button.accept { color: var(--accept); }
button.reject { color: var(--reject); }
button.mini.accept:hover, .bulk button.accept:hover { background: var(--accept-bg); border-color: var(--accept-line); }
button.mini.reject:hover, .bulk button.reject:hover { background: var(--reject-bg); border-color: var(--reject-line); }
.bulk-row { display: flex; gap: 6px; align-items: center; margin-bottom: 6px; }
.bulk-row button { flex: 1; }
.bulk-row.threshold input { width: 70px; padding: 5px 6px; border: 1px solid var(--line-2); border-radius: 8px; background: var(--panel-2); }
.bulk-row.threshold .n { min-width: 44px; }
.files-meta { margin: 4px 0 0; font-size: 12px; color: var(--faint); }

/* The list: file, then family, then one card per suggestion. */
.list { min-width: 0; max-width: 920px; outline: none; }
.file { margin-bottom: 30px; }
.file-head { display: flex; align-items: baseline; flex-wrap: wrap; gap: 4px 12px; margin: 0 0 12px; font-size: 15px; font-weight: 500; }
.file-name { color: var(--muted); font-family: var(--mono); font-size: 13.5px; word-break: break-all; }
.file-name strong { color: var(--text); font-weight: 700; }
.file-meta { color: var(--faint); font-size: 12.5px; }
.family { margin-bottom: 22px; }
.family-head { display: flex; align-items: center; gap: 8px; margin: 0 0 10px; font-size: 12px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
.family-head .n { font-weight: 500; letter-spacing: 0; }

.card { position: relative; background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow);
  padding: 12px 16px 12px 18px; margin-bottom: 10px; outline: none; scroll-margin-top: 96px; transition: border-color .15s, opacity .15s; }
.card::before { content: ""; position: absolute; left: -1px; top: -1px; bottom: -1px; width: 4px; border-radius: var(--radius) 0 0 var(--radius); background: transparent; }
.card.current { border-color: var(--focus); box-shadow: 0 0 0 3px color-mix(in srgb, var(--focus) 22%, transparent), var(--shadow); }
.card[data-state=accept]::before { background: var(--accept); }
.card[data-state=reject]::before { background: var(--reject); }
.card[data-state=reject] .diff, .card[data-state=reject] .reason, .card[data-state=reject] .note { opacity: .55; }
.card { display: grid; grid-template-columns: minmax(0, 1fr) auto; grid-template-areas: "head decide" "body body"; column-gap: 12px; }
.card-head { grid-area: head; display: flex; align-items: center; flex-wrap: wrap; gap: 6px 12px; margin-bottom: 9px; min-width: 0; }
.body { grid-area: body; min-width: 0; }
.rule { font-size: 12.5px; font-weight: 600; padding: 2px 7px; border-radius: 6px; background: var(--accent-soft); color: var(--accent); max-width: 100%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.loc { font-size: 12px; color: var(--faint); }
.conf { display: inline-flex; align-items: center; gap: 6px; font-size: 12.5px; font-variant-numeric: tabular-nums; color: var(--muted); }
.meter { width: 54px; height: 6px; border-radius: 99px; background: var(--line); overflow: hidden; }
.meter span { display: block; height: 100%; border-radius: 99px; }
.conf-high .meter span { background: var(--high); } .conf-medium .meter span { background: var(--medium); } .conf-low .meter span { background: var(--low); }
.conf-high .conf-n { color: var(--high); font-weight: 600; }
.state { font-size: 11.5px; font-weight: 700; letter-spacing: .04em; text-transform: uppercase; }
.card[data-state=accept] .state { color: var(--accept); } .card[data-state=reject] .state { color: var(--reject); }
.decide { grid-area: decide; display: flex; gap: 6px; align-self: start; margin: -3px 0 9px; }
.decide button { min-width: 92px; font-weight: 600; }
.decide button[aria-pressed=true].accept { background: var(--accept); border-color: var(--accept); color: var(--panel); }
.decide button[aria-pressed=true].reject { background: var(--reject); border-color: var(--reject); color: var(--panel); }
.decide button.accept:hover { border-color: var(--accept-line); }
.decide button.reject:hover { border-color: var(--reject-line); }

.diff { border: 1px solid var(--line); border-radius: 8px; overflow: hidden; font: 16px/1.55 var(--prose); }
.line { display: grid; grid-template-columns: 26px minmax(0, 1fr); padding: 5px 12px 5px 0; }
.line + .line { border-top: 1px solid var(--line); }
.line .sign { text-align: center; font: 600 13px/1.9 var(--mono); color: var(--faint); user-select: none; }
.line.before { background: color-mix(in srgb, var(--reject-bg) 45%, var(--panel)); }
.line.after { background: color-mix(in srgb, var(--accept-bg) 45%, var(--panel)); }
.line .text { overflow-wrap: anywhere; }
del { background: var(--del-bg); color: var(--del-text); text-decoration: line-through; text-decoration-thickness: 1px; border-radius: 3px; padding: 0 2px; }
ins { background: var(--ins-bg); color: var(--ins-text); text-decoration: none; border-radius: 3px; padding: 0 2px; font-weight: 600; }
ins:empty::before { content: "deleted"; font: italic 12px var(--ui); opacity: .75; }
.clip { color: var(--faint); }
.ws { color: var(--faint); font-family: var(--mono); font-size: .8em; }
.card[data-state=reject] .line.after { text-decoration: line-through; text-decoration-color: var(--faint); }
.alts { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-top: 9px; font-size: 13px; }
.alts-label { color: var(--muted); margin-right: 2px; }
.alts label { display: inline-flex; align-items: center; gap: 6px; border: 1px solid var(--line-2); border-radius: 99px; padding: 2px 4px 2px 10px; cursor: pointer; }
.alts input { position: absolute; opacity: 0; pointer-events: none; }
.alts label:has(input:checked) { border-color: var(--accent); background: var(--accent-soft); color: var(--accent); font-weight: 600; }
.alts label:has(input:focus-visible) { outline: 2px solid var(--focus); }
.alts kbd { font-size: 10px; padding: 2px 4px; }
.reason { margin: 9px 0 0; font-size: 13.5px; }
.reason + .note { margin-top: 3px; }
.note { margin: 8px 0 0; font-size: 13px; color: var(--muted); max-width: 72ch; }
.note a { color: var(--accent); }

.cluster { background: var(--panel); border: 1px dashed var(--line-2); border-radius: var(--radius); padding: 12px 16px; margin-bottom: 12px; }
.cluster-head { display: flex; align-items: baseline; flex-wrap: wrap; gap: 4px 10px; font-size: 15px; }
.cluster-kicker { font-size: 11.5px; font-weight: 700; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
.cluster-head .n { margin-left: auto; }
.cluster-help { margin: 4px 0 8px; color: var(--muted); font-size: 13px; }
.variants { list-style: none; margin: 0 0 10px; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 14px; }
.variants .label { font-family: var(--prose); font-size: 15px; }
.variants input:not(:checked) + .label { text-decoration: line-through; color: var(--faint); }
.cluster button { font-weight: 600; }

.empty, .empty-filter { text-align: center; color: var(--muted); padding: 48px 16px; background: var(--panel); border: 1px dashed var(--line-2); border-radius: var(--radius); }
.empty-title { font-size: 18px; color: var(--text); font-weight: 600; margin: 0 0 4px; }

dialog.help { border: 1px solid var(--line); border-radius: 14px; padding: 22px 24px; max-width: 460px; width: calc(100% - 32px); background: var(--panel); color: var(--text); box-shadow: 0 20px 50px rgba(0, 0, 0, .25); }
dialog.help::backdrop { background: rgba(15, 18, 22, .45); }
dialog.help h2 { margin: 0 0 14px; font-size: 17px; }
dialog.help dl { display: grid; grid-template-columns: auto 1fr; gap: 9px 16px; margin: 0 0 14px; align-items: center; }
dialog.help dt { white-space: nowrap; } dialog.help dd { margin: 0; color: var(--muted); }
dialog.help p { color: var(--muted); font-size: 13px; }
.dialog-actions { text-align: right; }

.toast { position: fixed; left: 16px; right: 16px; bottom: 22px; margin: 0 auto; width: fit-content; z-index: 40; max-width: 640px;
  background: var(--text); color: var(--bg); padding: 10px 16px; border-radius: 10px; box-shadow: 0 10px 30px rgba(0, 0, 0, .25); font-size: 13.5px; }
.toast code { background: transparent; border-color: color-mix(in srgb, var(--bg) 35%, transparent); color: inherit; }

/* Narrow screens: filters fold into a panel above the list, buttons get big enough for thumbs. */
@media (max-width: 900px) {
  .top { flex-wrap: wrap; gap: 8px 12px; padding: 10px 14px; }
  .progress { order: 3; flex-basis: 100%; max-width: none; }
  .brand .sub { display: none; }
  .layout { grid-template-columns: minmax(0, 1fr); gap: 14px; padding: 14px 12px 60px; }
  .side { position: static; max-height: none; overflow: visible; }
  .filters summary { display: flex; align-items: center; gap: 8px; padding: 11px 14px; cursor: pointer; font-weight: 600; list-style: none; }
  .filters summary::-webkit-details-marker { display: none; }
  .filters summary::after { content: "▾"; margin-left: 6px; color: var(--faint); }
  .filters[open] summary::after { content: "▴"; }
  .filters[open] summary { border-bottom: 1px solid var(--line); }
  .filter-summary { margin-left: auto; color: var(--faint); font-weight: 400; font-size: 13px; }
  .rule-bulk { display: flex; }
  .rule-row .n { display: none; }
  html { scroll-padding-top: 120px; }
  .card { padding: 12px 12px 12px 14px; scroll-margin-top: 120px; }
  .card { grid-template-columns: minmax(0, 1fr); grid-template-areas: "head" "body" "decide"; }
  .decide { margin: 10px 0 0; }
  .decide button { flex: 1; padding: 9px 12px; }
  .diff { font-size: 15.5px; }
}
@media (prefers-reduced-motion: reduce) { * { transition: none !important; scroll-behavior: auto !important; } }
@media print { .top, .side, .decide { display: none; } .layout { display: block; } }
`

export const SCRIPT = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('unspin-data').textContent);
  var STORE = 'unspin-review:' + data.key;
  var cards = Array.prototype.slice.call(document.querySelectorAll('[data-suggestion]'));
  var byId = {};
  cards.forEach(function (card) { byId[card.getAttribute('data-suggestion')] = card; });
  var saved = load();
  // id -> {d: 'accept' | 'reject' | undefined, alt: index into expected}
  var state = saved.state;
  // Each entry is one user action (a bulk one too), so u undoes what the person did, not one card of it.
  var history = saved.history;
  var current = null;
  var toastTimer = 0;
  var $ = function (selector, root) { return (root || document).querySelector(selector); };
  var $$ = function (selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); };

  function load() {
    try {
      var parsed = JSON.parse(localStorage.getItem(STORE) || 'null');
      if (parsed && parsed.v === 1 && parsed.state) {
        for (var id in parsed.state) if (!byId[id]) delete parsed.state[id];
        return {state: parsed.state, history: Array.isArray(parsed.history) ? parsed.history : []};
      }
    } catch (error) { /* a private window or a corrupt entry: start fresh */ }
    return {state: {}, history: []};
  }

  function save() {
    try {
      localStorage.setItem(STORE, JSON.stringify({v: 1, state: state, history: history.slice(-200), saved: Date.now()}));
    } catch (error) {
      toast('Could not save decisions in this browser (' + error.message + '); export them before closing the page.');
    }
  }

  function entry(id) { return state[id] || (state[id] = {}); }
  function decisionOf(id) { return state[id] && state[id].d; }
  function altOf(id) { return (state[id] && state[id].alt) || 0; }

  function render(id) {
    var card = byId[id];
    var d = decisionOf(id);
    if (d) card.setAttribute('data-state', d); else card.removeAttribute('data-state');
    $('[data-action=accept]', card).setAttribute('aria-pressed', String(d === 'accept'));
    $('[data-action=reject]', card).setAttribute('aria-pressed', String(d === 'reject'));
    $('[data-state-label]', card).textContent = d === 'accept' ? 'Accepted' : d === 'reject' ? 'Rejected' : '';
    var alt = altOf(id);
    var replacement = data.suggestions[id].expected[alt];
    var ins = $('[data-replacement]', card);
    ins.textContent = replacement;
    var radio = $('input[type=radio][value="' + alt + '"]', card);
    if (radio) radio.checked = true;
  }

  /** Record one action: set each id to its decision (null clears), remember what was there. */
  function decide(changes, label) {
    var undo = [];
    changes.forEach(function (change) {
      var before = decisionOf(change.id) || null;
      if (before === change.d) return;
      undo.push({id: change.id, d: before});
      if (change.d) entry(change.id).d = change.d; else delete entry(change.id).d;
      render(change.id);
    });
    if (undo.length === 0) return 0;
    history.push({label: label, changes: undo});
    save();
    refresh();
    return undo.length;
  }

  function undo() {
    var last = history.pop();
    if (!last) { toast('Nothing to undo.'); return; }
    last.changes.forEach(function (change) {
      if (change.d) entry(change.id).d = change.d; else delete entry(change.id).d;
      render(change.id);
    });
    save();
    refresh();
    if (last.changes.length === 1) setCurrent(byId[last.changes[0].id], true);
    toast('Undid ' + last.label + '.');
  }

  // ---- Counts, progress and filters -------------------------------------

  function refresh() { counts(); filter(); }

  function counts() {
    var accepted = 0, rejected = 0, total = cards.length, open = {}, above = 0;
    var threshold = parseFloat($('input[name=threshold]').value);
    cards.forEach(function (card) {
      var id = card.getAttribute('data-suggestion');
      var d = decisionOf(id);
      if (d === 'accept') accepted++;
      else if (d === 'reject') rejected++;
      else {
        var rule = card.getAttribute('data-rule');
        open[rule] = (open[rule] || 0) + 1;
        if (parseFloat(card.getAttribute('data-confidence')) >= threshold) above++;
      }
    });
    setCount('decided', accepted + rejected);
    setCount('accepted', accepted);
    setCount('rejected', rejected);
    setCount('above', above + ' open');
    var bar = $('.progress-bar');
    bar.setAttribute('aria-valuenow', String(accepted + rejected));
    $('.bar-accept').style.width = (total ? 100 * accepted / total : 0) + '%';
    $('.bar-reject').style.width = (total ? 100 * rejected / total : 0) + '%';
    $$('[data-rule-open]').forEach(function (node) { node.textContent = String(open[node.getAttribute('data-rule-open')] || 0); });
  }

  function setCount(name, value) { $$('[data-count=' + name + ']').forEach(function (node) { node.textContent = String(value); }); }

  function filters() {
    var min = parseFloat($('input[name=min]').value), max = parseFloat($('input[name=max]').value);
    return {
      families: checked('family'),
      rules: checked('rule'),
      min: Math.min(min, max),
      max: Math.max(min, max),
      status: ($('input[name=status]:checked') || {}).value || 'all',
      words: $('#search').value.toLowerCase().split(/\s+/).filter(Boolean)
    };
  }

  function checked(name) {
    var set = {};
    $$('input[name=' + name + ']:checked').forEach(function (input) { set[input.value] = true; });
    return set;
  }

  function matches(card, f) {
    var id = card.getAttribute('data-suggestion');
    var confidence = parseFloat(card.getAttribute('data-confidence'));
    var d = decisionOf(id);
    if (!f.families[card.getAttribute('data-family')] || !f.rules[card.getAttribute('data-rule')]) return false;
    if (confidence < f.min - 1e-9 || confidence > f.max + 1e-9) return false;
    if (f.status === 'open' ? d : f.status !== 'all' && d !== f.status) return false;
    var haystack = card.getAttribute('data-search');
    return f.words.every(function (word) { return haystack.indexOf(word) !== -1; });
  }

  function filter() {
    var f = filters();
    var shown = 0;
    cards.forEach(function (card) {
      var visible = matches(card, f);
      card.hidden = !visible;
      if (visible) shown++;
    });
    $$('.family').forEach(function (section) { section.hidden = !$('.card:not([hidden])', section); });
    $$('.file').forEach(function (section) { section.hidden = !$('.card:not([hidden])', section); });
    $$('[data-cluster-panel]').forEach(function (panel) {
      var id = panel.getAttribute('data-cluster-panel');
      panel.hidden = !cards.some(function (card) { return !card.hidden && card.getAttribute('data-cluster') === id; });
    });
    var empty = $('.empty-filter');
    if (empty) empty.hidden = shown > 0 || cards.length === 0;
    $('[data-range-label]').textContent = f.min.toFixed(2) + ' – ' + f.max.toFixed(2);
    var summary = $('[data-filter-summary]');
    if (summary) summary.textContent = shown === cards.length ? 'all ' + cards.length + ' shown' : shown + ' of ' + cards.length + ' shown';
    if (current && current.hidden) current.classList.remove('current');
  }

  // ---- Moving around -------------------------------------------------------

  function visibleCards() { return cards.filter(function (card) { return !card.hidden; }); }

  function setCurrent(card, scroll) {
    if (current) current.classList.remove('current');
    current = card || null;
    if (!current) return;
    current.classList.add('current');
    if (scroll) {
      current.focus({preventScroll: true});
      current.scrollIntoView({block: 'nearest', behavior: 'smooth'});
    }
  }

  function neighbour(delta) {
    var list = visibleCards();
    if (list.length === 0) return null;
    var index = current ? list.indexOf(current) : -1;
    if (index === -1) {
      // The current card was filtered out: continue from where it sat in the full list.
      var position = current ? cards.indexOf(current) : -1;
      var next = list.filter(function (card) { return delta > 0 ? cards.indexOf(card) > position : cards.indexOf(card) < position; });
      return delta > 0 ? next[0] || null : next[next.length - 1] || null;
    }
    return list[index + delta] || null;
  }

  function move(delta) {
    var next = neighbour(delta) || (current && !current.hidden ? current : visibleCards()[0]);
    setCurrent(next, true);
  }

  function decideCurrent(d) {
    if (!current || current.hidden) { move(1); return; }
    var id = current.getAttribute('data-suggestion');
    var next = neighbour(1);
    decide([{id: id, d: decisionOf(id) === d ? null : d}], (d === 'accept' ? 'accepting ' : 'rejecting ') + describe(id));
    // Move on only when a decision was made, so a second a/r on the same card can clear it in place.
    if (decisionOf(id)) setCurrent(next && !next.hidden ? next : current.hidden ? neighbour(1) : current, true);
  }

  function describe(id) {
    var s = data.suggestions[id];
    return '"' + (s.actual.length > 40 ? s.actual.slice(0, 39) + '…' : s.actual) + '"';
  }

  // ---- Bulk actions --------------------------------------------------------

  function openIds(test) {
    return cards.filter(function (card) {
      return !decisionOf(card.getAttribute('data-suggestion')) && test(card);
    }).map(function (card) { return card.getAttribute('data-suggestion'); });
  }

  function bulk(ids, d, what) {
    if (ids.length === 0) { toast('No open suggestions ' + what + '.'); return; }
    var n = decide(ids.map(function (id) { return {id: id, d: d}; }), (d === 'accept' ? 'accepting ' : 'rejecting ') + ids.length + ' ' + what);
    toast((d === 'accept' ? 'Accepted ' : 'Rejected ') + n + ' ' + what + '. Press u to undo.');
  }

  function applyCluster(panel) {
    var cluster = data.clusters.filter(function (c) { return c.id === panel.getAttribute('data-cluster-panel'); })[0];
    if (!cluster) return;
    var keep = {};
    $$('input[data-variant]', panel).forEach(function (input) { keep[input.getAttribute('data-variant')] = input.checked; });
    var changes = [];
    cluster.variants.forEach(function (variant) {
      variant.ids.forEach(function (id) { if (byId[id]) changes.push({id: id, d: keep[variant.actual] ? 'accept' : 'reject'}); });
    });
    var dropped = cluster.variants.filter(function (variant) { return !keep[variant.actual]; }).length;
    decide(changes, 'the ' + cluster.canonical + ' cluster');
    toast('Cluster ' + cluster.canonical + ': accepted ' + (cluster.variants.length - dropped) + ' variant(s), rejected ' + dropped + '. Press u to undo.');
  }

  // ---- Export --------------------------------------------------------------

  function exportDecisions() {
    var files = data.files.map(function (file) { return {path: file.path, sha256: file.sha256, decisions: []}; });
    var accepted = 0, rejected = 0;
    Object.keys(data.suggestions).forEach(function (id) {
      var d = decisionOf(id);
      if (!d) return;
      var s = data.suggestions[id];
      files[s.file].decisions.push({
        id: id, start: s.start, end: s.end, actual: s.actual, replacement: s.expected[altOf(id)], decision: d,
        ruleId: s.ruleId, confidence: s.confidence
      });
      if (d === 'accept') accepted++; else rejected++;
    });
    var body = JSON.stringify({version: 1, files: files.filter(function (file) { return file.decisions.length > 0; })}, null, 2) + '\n';
    var url = URL.createObjectURL(new Blob([body], {type: 'application/json'}));
    var link = document.createElement('a');
    link.href = url;
    link.download = 'decisions.json';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 30000);
    var open = cards.length - accepted - rejected;
    var message = document.createElement('span');
    message.append('Exported ' + accepted + ' accepted and ' + rejected + ' rejected' + (open ? ' (' + open + ' still open)' : '') + '. Apply with ');
    var command = document.createElement('code');
    command.textContent = 'unspin apply --decisions decisions.json';
    message.append(command);
    toast(message, 7000);
  }

  // ---- Small pieces --------------------------------------------------------

  function toast(message, ms) {
    var node = $('.toast');
    node.textContent = '';
    node.append(message);
    node.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { node.hidden = true; }, ms || 4000);
  }

  function help(open) {
    var dialog = $('dialog.help');
    if (open === undefined) open = !dialog.open;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }

  function chooseAlt(card, index) {
    var id = card.getAttribute('data-suggestion');
    if (index < 0 || index >= data.suggestions[id].expected.length) return;
    entry(id).alt = index;
    render(id);
    save();
  }

  // ---- Wiring --------------------------------------------------------------

  document.addEventListener('click', function (event) {
    var target = event.target;
    var button = target.closest('[data-action]');
    var card = target.closest('[data-suggestion]');
    if (card && !button && !target.closest('a, input, label')) setCurrent(card, false);
    if (!button) return;
    var action = button.getAttribute('data-action');
    var rule = button.getAttribute('data-rule');
    if (action === 'accept' || action === 'reject') {
      var id = card.getAttribute('data-suggestion');
      setCurrent(card, false);
      decide([{id: id, d: decisionOf(id) === action ? null : action}], (action === 'accept' ? 'accepting ' : 'rejecting ') + describe(id));
    } else if (action === 'accept-rule' || action === 'reject-rule') {
      bulk(openIds(function (c) { return c.getAttribute('data-rule') === rule; }), action.slice(0, 6), 'of ' + rule);
    } else if (action === 'accept-shown' || action === 'reject-shown') {
      bulk(openIds(function (c) { return !c.hidden; }), action.slice(0, 6), 'shown');
    } else if (action === 'accept-above') {
      var threshold = parseFloat($('input[name=threshold]').value);
      bulk(openIds(function (c) { return parseFloat(c.getAttribute('data-confidence')) >= threshold; }), 'accept', 'with confidence ≥ ' + threshold.toFixed(2));
    } else if (action === 'cluster-apply') {
      applyCluster(button.closest('[data-cluster-panel]'));
    } else if (action === 'export') {
      exportDecisions();
    } else if (action === 'help') {
      help(true);
    } else if (action === 'close-help') {
      help(false);
    } else if (action === 'clear-filters') {
      $('#search').value = '';
      $$('input[name=family], input[name=rule]').forEach(function (input) { input.checked = true; });
      $('input[name=min]').value = '0';
      $('input[name=max]').value = '1';
      $('input[name=status][value=all]').checked = true;
      filter();
    }
  });

  document.addEventListener('change', function (event) {
    var target = event.target;
    if (target.matches('.alts input[type=radio]')) chooseAlt(target.closest('[data-suggestion]'), parseInt(target.value, 10));
  });

  $('.filters').addEventListener('input', function (event) {
    if (event.target.name === 'threshold') counts(); else filter();
  });

  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target;
    var typing = target.matches && target.matches('input[type=search], input[type=number], input[type=text], textarea');
    if (event.key === 'Escape' && typing) { target.blur(); return; }
    if (typing) return;
    if ($('dialog.help').open) { if (event.key === '?') { help(false); event.preventDefault(); } return; }
    var key = event.key;
    if (key === 'j' || key === 'ArrowDown' && event.shiftKey) move(1);
    else if (key === 'k' || key === 'ArrowUp' && event.shiftKey) move(-1);
    else if (key === 'a') decideCurrent('accept');
    else if (key === 'r') decideCurrent('reject');
    else if (key === 'u') undo();
    else if (key === '?') help(true);
    else if (key === 'e') exportDecisions();
    else if (key === '/') $('#search').focus();
    else if (/^[1-9]$/.test(key) && current) chooseAlt(current, parseInt(key, 10) - 1);
    else return;
    event.preventDefault();
  });

  // Wide screens keep the filters open beside the list; narrow ones fold them away.
  var wide = window.matchMedia('(min-width: 901px)');
  function fold() { $('.filters').open = wide.matches; }
  wide.addEventListener('change', fold);
  fold();

  cards.forEach(function (card) { render(card.getAttribute('data-suggestion')); });
  refresh();
  setCurrent(visibleCards().filter(function (card) { return !card.hasAttribute('data-state'); })[0] || visibleCards()[0], false);
})();
`
