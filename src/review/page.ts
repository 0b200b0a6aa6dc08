/**
 * Render the review model as one self-contained HTML file: markup, CSS, the
 * client script and the data in a single document, no network at all (a
 * Content-Security-Policy forbids it), so it works from `file://`, by mail
 * or on an air-gapped machine.
 *
 * Cards are rendered here rather than by the client so the page is
 * readable before its script runs and the markup is unit-testable; the
 * script only adds behaviour.
 */
import {createHash} from 'node:crypto'
import path from 'node:path'
import {SCRIPT, STYLE} from './assets.js'
import {familyRank} from './model.js'
import type {NameCluster, ReviewFile, ReviewModel, Suggestion} from './types.js'

/** What a family's heading says, for people who do not know the plugin names. */
export const FAMILY_TITLES: Record<string, string> = {
  spin: 'Spun text',
  spintax: 'Spintax',
  names: 'Name spellings',
  boilerplate: 'Boilerplate',
  glued: 'Glued words',
  mojibake: 'Mojibake',
  mt: 'Machine translation'
}

/** Confidence bands: what the colour of the meter says. */
export function band(confidence: number): 'high' | 'medium' | 'low' {
  return confidence >= 0.9 ? 'high' : confidence >= 0.7 ? 'medium' : 'low'
}

/** The data the client script needs beyond the markup (for export and clusters). */
interface ClientData {
  key: string
  files: Array<{path: string; sha256: string}>
  suggestions: Record<string, {file: number; start: number; end: number; actual: string; expected: string[]; confidence: number; ruleId: string}>
  clusters: NameCluster[]
}

export function renderPage(model: ReviewModel): string {
  const suggestions = model.files.flatMap((file) => file.suggestions)
  const data: ClientData = {
    key: model.key,
    files: model.files.map((file) => ({path: file.path, sha256: file.sha256})),
    suggestions: Object.fromEntries(
      suggestions.map((s) => [
        s.id,
        {file: s.file, start: s.start, end: s.end, actual: s.actual, expected: s.expected, confidence: s.confidence, ruleId: s.ruleId}
      ])
    ),
    clusters: model.clusters
  }
  const title = `unspin review · ${count(suggestions.length, 'suggestion')} in ${count(model.files.length, 'file')}`
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${createHash('sha256').update(SCRIPT).digest('base64')}'`,
    "style-src 'unsafe-inline'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'"
  ].join('; ')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escape(csp)}">
<meta name="color-scheme" content="light dark">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#list">Skip to suggestions</a>
${header(suggestions.length)}
<div class="layout">
${filters(model, suggestions)}
<main id="list" class="list" tabindex="-1">
${model.files.length === 0 || suggestions.length === 0 ? emptyReport(model) : model.files.map((file) => fileSection(file, model.clusters)).join('\n')}
<p class="empty-filter" hidden>No suggestion matches these filters. <button type="button" class="link" data-action="clear-filters">Clear filters</button></p>
</main>
</div>
${helpDialog()}
<div class="toast" role="status" aria-live="polite" hidden></div>
<script type="application/json" id="unspin-data">${json(data)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`
}

function header(total: number): string {
  return `<header class="top">
  <div class="brand"><span class="mark" aria-hidden="true">u</span><span class="name">unspin</span><span class="sub">review</span></div>
  <div class="progress" aria-label="Progress">
    <div class="progress-text"><strong data-count="decided">0</strong> of <span data-count="total">${total}</span> decided<span class="progress-detail"> · <span class="t-accept"><span data-count="accepted">0</span> accepted</span> · <span class="t-reject"><span data-count="rejected">0</span> rejected</span></span></div>
    <div class="progress-bar" role="progressbar" aria-valuemin="0" aria-valuemax="${total}" aria-valuenow="0"><span class="bar-accept"></span><span class="bar-reject"></span></div>
  </div>
  <div class="top-actions">
    <button type="button" class="icon" data-action="help" title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">?</button>
    <button type="button" class="primary" data-action="export" title="Download decisions.json for unspin apply">Export decisions.json</button>
  </div>
</header>`
}

function filters(model: ReviewModel, suggestions: Suggestion[]): string {
  const families = tally(suggestions.map((s) => s.family)).sort((a, b) => familyRank(a[0]) - familyRank(b[0]) || a[0].localeCompare(b[0]))
  const rules = tally(suggestions.map((s) => s.ruleId)).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  const familyRows = families
    .map(
      ([family, n]) => `<label class="check"><input type="checkbox" name="family" value="${escape(family)}" checked><span class="dot fam-${escape(family)}"></span><span class="label">${escape(FAMILY_TITLES[family] ?? family)}</span><span class="n">${n}</span></label>`
    )
    .join('\n')
  const ruleRows = rules
    .map(
      ([rule, n]) => `<div class="rule-row" data-rule-row="${escape(rule)}">
  <label class="check"><input type="checkbox" name="rule" value="${escape(rule)}" checked><span class="label mono" title="${escape(rule)}">${escape(rule)}</span><span class="n" data-rule-open="${escape(rule)}">${n}</span></label>
  <span class="rule-bulk"><button type="button" class="mini accept" data-action="accept-rule" data-rule="${escape(rule)}" title="Accept every open suggestion of ${escape(rule)}" aria-label="Accept all ${escape(rule)}">✓ all</button><button type="button" class="mini reject" data-action="reject-rule" data-rule="${escape(rule)}" title="Reject every open suggestion of ${escape(rule)}" aria-label="Reject all ${escape(rule)}">✕ all</button></span>
</div>`
    )
    .join('\n')
  return `<aside class="side">
<details class="filters" open>
<summary><span>Filters &amp; bulk actions</span><span class="filter-summary" data-filter-summary></span></summary>
<div class="filters-body">
  <div class="field">
    <label for="search" class="field-label">Search</label>
    <input id="search" type="search" name="search" placeholder="Word, rule or reason  ( / )" autocomplete="off" spellcheck="false">
  </div>
  <div class="field">
    <span class="field-label">Show</span>
    <div class="segmented" role="radiogroup" aria-label="Status">
      <label><input type="radio" name="status" value="all" checked><span>All</span></label>
      <label><input type="radio" name="status" value="open"><span>Open</span></label>
      <label><input type="radio" name="status" value="accept"><span>Accepted</span></label>
      <label><input type="radio" name="status" value="reject"><span>Rejected</span></label>
    </div>
  </div>
  <div class="field">
    <span class="field-label">Confidence <output data-range-label>0.00 – 1.00</output></span>
    <div class="range">
      <label><span class="range-end">from</span><input type="range" name="min" aria-label="Minimum confidence" min="0" max="1" step="0.01" value="0"></label>
      <label><span class="range-end">to</span><input type="range" name="max" aria-label="Maximum confidence" min="0" max="1" step="0.01" value="1"></label>
    </div>
  </div>
  <fieldset class="field">
    <legend class="field-label">Families</legend>
    ${familyRows}
  </fieldset>
  <fieldset class="field rules">
    <legend class="field-label">Rules <span class="hint">open count</span></legend>
    <div class="rule-list">
    ${ruleRows}
    </div>
  </fieldset>
  <div class="field bulk">
    <span class="field-label">Bulk <span class="hint">open suggestions only</span></span>
    <div class="bulk-row"><button type="button" class="accept" data-action="accept-shown">Accept shown</button><button type="button" class="reject" data-action="reject-shown">Reject shown</button></div>
    <div class="bulk-row threshold"><button type="button" class="accept" data-action="accept-above">Accept all ≥</button><input type="number" name="threshold" min="0" max="1" step="0.05" value="0.90" aria-label="Confidence threshold"><span class="n" data-count="above"></span></div>
  </div>
  <p class="files-meta">${count(model.files.length, 'file')} · generated ${escape(model.generated.slice(0, 16).replace('T', ' '))} UTC</p>
</div>
</details>
</aside>`
}

function fileSection(file: ReviewFile, clusters: NameCluster[]): string {
  if (file.suggestions.length === 0) return ''
  const byFamily = new Map<string, Suggestion[]>()
  for (const suggestion of file.suggestions) {
    const list = byFamily.get(suggestion.family) ?? []
    list.push(suggestion)
    byFamily.set(suggestion.family, list)
  }
  const meta = [count(file.suggestions.length, 'suggestion')]
  if (file.spinScore !== undefined) meta.push(`spin score ${file.spinScore.toFixed(2)}`)
  const families = [...byFamily]
    .map(([family, list]) => {
      const ids = new Set(list.map((s) => s.id))
      const here = clusters.filter((cluster) => cluster.variants.some((variant) => variant.ids.some((id) => ids.has(id))))
      return `<section class="family" data-family-section="${escape(family)}">
  <h3 class="family-head"><span class="dot fam-${escape(family)}"></span>${escape(FAMILY_TITLES[family] ?? family)}<span class="n" data-family-count>${list.length}</span></h3>
  ${here.map(clusterPanel).join('\n')}
  ${list.map(card).join('\n')}
</section>`
    })
    .join('\n')
  return `<section class="file" data-file="${file.suggestions[0]!.file}">
<h2 class="file-head"><span class="file-icon" aria-hidden="true"></span><span class="file-name" title="${escape(file.path)}">${escape(dirPart(file.displayPath))}<strong>${escape(path.basename(file.displayPath))}</strong></span><span class="file-meta">${escape(meta.join(' · '))}</span></h2>
${families}
</section>`
}

function card(s: Suggestion): string {
  const level = band(s.confidence)
  const alternatives =
    s.expected.length > 1
      ? `<div class="alts" role="radiogroup" aria-label="Replacement"><span class="alts-label">Replace with</span>${s.expected
          .map(
            (option, index) =>
              `<label><input type="radio" name="alt-${s.id}" value="${index}"${index === 0 ? ' checked' : ''}><span>${option === '' ? '<em>delete</em>' : escape(option)}</span><kbd>${index + 1}</kbd></label>`
          )
          .join('')}</div>`
      : ''
  // Only web links: a `javascript:` URL from a rule file must not become a live link.
  const url = s.url && /^https?:\/\//i.test(s.url) ? s.url : undefined
  const explanation = s.note ? `<p class="note">${code(s.note)}${url ? ` <a href="${escape(url)}" target="_blank" rel="noopener noreferrer">More</a>` : ''}</p>` : url ? `<p class="note"><a href="${escape(url)}" target="_blank" rel="noopener noreferrer">About this rule</a></p>` : ''
  const search = [s.actual, ...s.expected, s.before, s.after, s.ruleId, s.reason, s.note ?? ''].join(' ').toLowerCase()
  const reason = s.reason === standardReason(s) ? '' : `<p class="reason">${code(s.reason)}</p>`
  return `<article class="card" data-suggestion="${s.id}" data-family="${escape(s.family)}" data-rule="${escape(s.ruleId)}" data-confidence="${s.confidence}" data-search="${escape(search)}"${s.cluster === undefined ? '' : ` data-cluster="${escape(s.cluster)}"`} tabindex="-1">
  <div class="card-head">
    <span class="rule mono" title="${escape(s.ruleId)}">${escape(s.rule)}</span>
    <span class="loc mono" title="line ${s.line}, column ${s.column}">${s.line}:${s.column}</span>
    <span class="conf conf-${level}" title="Confidence ${s.confidence.toFixed(2)}: probability the proposal is right"><span class="meter" aria-hidden="true"><span style="width:${Math.round(s.confidence * 100)}%"></span></span><span class="conf-n">${s.confidence.toFixed(2)}</span></span>
    <span class="state" data-state-label></span>
  </div>
  <div class="decide">
    <button type="button" class="accept" data-action="accept" aria-pressed="false" title="Accept (a)"><span aria-hidden="true">✓</span> Accept</button>
    <button type="button" class="reject" data-action="reject" aria-pressed="false" title="Reject (r)"><span aria-hidden="true">✕</span> Reject</button>
  </div>
  <div class="body">
  <div class="diff" aria-label="Before and after">
    <div class="line before"><span class="sign" aria-label="before">−</span><span class="text">${context(s, 'before')}</span></div>
    <div class="line after"><span class="sign" aria-label="after">+</span><span class="text">${context(s, 'after')}</span></div>
  </div>
  ${alternatives}
  ${reason}
  ${explanation}
  </div>
</article>`
}

/** The reason every phrase rule gives; the diff already says it, so the card does not repeat it. */
function standardReason(s: Suggestion): string {
  const expected = s.expected.length === 1 && s.expected[0] === '' ? 'nothing' : s.expected.map((e) => `\`${e}\``).join(', ')
  return `Unexpected \`${s.actual}\`, expected ${expected}`
}

function context(s: Suggestion, side: 'before' | 'after'): string {
  const lead = (s.clippedBefore ? '<span class="clip">…</span>' : '') + escape(s.before)
  const tail = escape(s.after) + (s.clippedAfter ? '<span class="clip">…</span>' : '')
  const middle =
    side === 'before'
      ? `<del>${visible(s.actual)}</del>`
      : `<ins data-replacement>${s.expected[0] === '' ? '' : visible(s.expected[0]!)}</ins>`
  return lead + middle + tail
}

/** White space that is the whole point of a suggestion (glued words, stray breaks) must be seen. */
function visible(text: string): string {
  return escape(text).replace(/\n/g, '<span class="ws">↵</span>').replace(/\t/g, '<span class="ws">⇥</span>')
}

/** Render `code` spans of a reason, escaping the rest. */
function code(reason: string): string {
  return reason
    .split(/(`[^`]*`)/)
    .map((part) => (part.length > 1 && part.startsWith('`') && part.endsWith('`') ? `<code>${escape(part.slice(1, -1))}</code>` : escape(part)))
    .join('')
}

function clusterPanel(cluster: NameCluster): string {
  const total = cluster.variants.reduce((sum, variant) => sum + variant.ids.length, 0)
  return `<div class="cluster" data-cluster-panel="${escape(cluster.id)}">
  <div class="cluster-head"><span class="cluster-kicker">Name cluster</span> <span class="cluster-target">→ <strong>${escape(cluster.canonical)}</strong></span><span class="n">${count(total, 'suggestion')}</span></div>
  <p class="cluster-help">Untick a variant that names someone else; the rest are accepted.</p>
  <ul class="variants">
  ${cluster.variants
    .map(
      (variant) =>
        `<li><label class="check"><input type="checkbox" data-variant="${escape(variant.actual)}" checked><span class="label">${escape(variant.actual)}</span><span class="n">${variant.ids.length}×</span></label></li>`
    )
    .join('\n  ')}
  </ul>
  <button type="button" class="accept" data-action="cluster-apply">Accept ticked, reject unticked</button>
</div>`
}

function emptyReport(model: ReviewModel): string {
  return `<div class="empty"><p class="empty-title">Nothing to review</p><p>unspin found no suggestions in ${count(model.files.length, 'file')}.</p></div>`
}

function helpDialog(): string {
  const keys: Array<[string[], string]> = [
    [['j', 'k'], 'next / previous suggestion'],
    [['a'], 'accept, then move on'],
    [['r'], 'reject, then move on'],
    [['u'], 'undo the last decision (bulk ones too)'],
    [['1', '9'], 'choose a replacement when there are several'],
    [['/'], 'search'],
    [['e'], 'export decisions.json'],
    [['?'], 'this help'],
    [['Esc'], 'close help, leave the search box']
  ]
  const rows = keys
    .map(([names, what]) => `<dt>${names.map((name) => `<kbd>${escape(name)}</kbd>`).join(names[0] === '1' ? ' – ' : ' ')}</dt><dd>${escape(what)}</dd>`)
    .join('')
  return `<dialog class="help" aria-labelledby="help-title">
<h2 id="help-title">Keyboard shortcuts</h2>
<dl>${rows}</dl>
<p>Decisions are saved in this browser as you go; reloading loses nothing. Export writes <code>decisions.json</code>; apply it with <code>unspin apply --decisions decisions.json</code>.</p>
<div class="dialog-actions"><button type="button" class="primary" data-action="close-help">Close</button></div>
</dialog>`
}

function dirPart(shown: string): string {
  const dir = path.dirname(shown)
  return dir === '.' ? '' : dir + path.sep
}

function tally(values: string[]): Array<[string, number]> {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  return [...counts]
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

export function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

/** JSON inside a script element: `<` escaped so no text can close the element. */
function json(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
}
