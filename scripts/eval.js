#!/usr/bin/env node
/**
 * `npm run eval`: score every family on the gold annotations in corpus/.
 *
 * For each family: precision and recall of detection (a message is right
 * when it overlaps a gold finding of its family), repair accuracy (its best
 * proposal equals the gold text), false alarms per 1,000 words on clean
 * articles, the spin score of spun against clean articles, and a
 * calibration table: of the messages given confidence in a band, how many
 * were right.
 *
 * Options: --corpus DIR (default corpus/), --min-confidence X (default 0.5),
 * --json (machine-readable), --fingerprints FILE (repeatable), --verbose
 * (list every false positive and miss).
 */
import path from 'node:path'
import {createEngine} from '../dist/index.js'
import {goldArticles} from './gold.js'
import {scriptOptions} from './options.js'

const values = scriptOptions({
  corpus: {type: 'string', default: 'corpus'},
  'min-confidence': {type: 'string', default: '0.5'},
  json: {type: 'boolean', default: false},
  verbose: {type: 'boolean', default: false},
  fingerprints: {type: 'string', multiple: true, default: []}
})
const threshold = Number(values['min-confidence'])
const corpus = path.resolve(values.corpus)
const BANDS = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0001]

const articles = goldArticles(corpus)

// Every message down to 0.05 is needed for the calibration table.
const engine = createEngine({minConfidence: 0.05, fingerprints: values.fingerprints, config: {}})
const perFamily = new Map()
const family = (name) => {
  if (!perFamily.has(name)) perFamily.set(name, {predicted: 0, correct: 0, repaired: 0, gold: 0, found: 0, falseAlarmsClean: 0})
  return perFamily.get(name)
}
const calibration = []
const scores = {spun: [], clean: [], mixed: []}
let cleanWords = 0
const errors = []

for (const article of articles) {
  // One article at a time: corpus-wide name clustering across unrelated articles would blur the test.
  const [file] = engine.check([{path: article.file, text: article.text}])
  const messages = file.messages
  const gold = article.gold.findings
  const words = (article.text.match(/[\p{L}\p{N}]+/gu) ?? []).length
  const kind = article.gold.kind
  if (kind === 'clean') cleanWords += words
  if (typeof file.data.spinScore === 'number') (scores[kind] ?? (scores[kind] = [])).push({id: article.id, score: file.data.spinScore})

  const matchedGold = new Set()
  for (const message of messages) {
    const start = message.place.start.offset
    const end = message.place.end.offset
    const hit = gold.findIndex((g) => g.family === message.family && overlaps(g, start, end))
    const right = hit !== -1
    const repaired = right && sameRepair(article.text, gold, message, start, end)
    calibration.push({family: message.family, confidence: message.confidence, right, repaired})
    if (message.confidence < threshold) continue
    const stats = family(message.family)
    stats.predicted++
    if (right) {
      stats.correct++
      if (repaired) stats.repaired++
      else errors.push({kind: 'wrong repair', id: article.id, family: message.family, rule: message.ruleId, confidence: message.confidence, text: context(article.text, start, end), expected: `${message.expected[0]}" (gold: "${gold[hit].expected}`})
      // A message over several gold findings ("final 12 months" for "last
      // year": two words the spinner changed) points the reader at each.
      gold.forEach((g, index) => {
        if (g.family === message.family && overlaps(g, start, end)) matchedGold.add(index)
      })
    } else {
      if (kind === 'clean') stats.falseAlarmsClean++
      errors.push({kind: 'false positive', id: article.id, family: message.family, rule: message.ruleId, confidence: message.confidence, text: context(article.text, start, end), expected: message.expected[0]})
    }
  }
  gold.forEach((g, index) => {
    const stats = family(g.family)
    stats.gold++
    if (matchedGold.has(index)) stats.found++
    else errors.push({kind: 'miss', id: article.id, family: g.family, text: context(article.text, g.start, g.end), expected: g.expected})
  })
}

// Names as `unspin check corpus/` clusters them: every article in one run,
// one spelling per corpus. Unrelated articles then meet, and so do alike
// names of different people and places: their false alarms show here.
const corpusNames = {predicted: 0, correct: 0, gold: 0, found: 0, falseAlarmsClean: 0}
{
  const files = createEngine({minConfidence: threshold, only: ['names'], config: {}}).check(articles.map((article) => ({path: article.file, text: article.text})))
  files.forEach((file, index) => {
    const article = articles[index]
    const gold = article.gold.findings.filter((g) => g.family === 'names')
    const matched = new Set()
    for (const message of file.messages) {
      corpusNames.predicted++
      const start = message.place.start.offset
      const end = message.place.end.offset
      const hits = gold.flatMap((g, at) => (overlaps(g, start, end) ? [at] : []))
      if (hits.length > 0) {
        corpusNames.correct++
        for (const at of hits) matched.add(at)
      } else {
        if (article.gold.kind === 'clean') corpusNames.falseAlarmsClean++
        errors.push({kind: 'false positive', id: article.id, family: 'names (corpus run)', rule: message.ruleId, confidence: message.confidence, text: context(article.text, start, end), expected: message.expected[0]})
      }
    }
    corpusNames.gold += gold.length
    corpusNames.found += matched.size
  })
}

const families = [...perFamily.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, s]) => ({
  family: name,
  predicted: s.predicted,
  precision: ratio(s.correct, s.predicted),
  recall: ratio(s.found, s.gold),
  repairAccuracy: ratio(s.repaired, s.correct),
  repairPrecision: ratio(s.repaired, s.predicted),
  gold: s.gold,
  falseAlarmsPer1000WordsClean: cleanWords ? (1000 * s.falseAlarmsClean) / cleanWords : 0
}))

const bands = []
for (let index = 0; index < BANDS.length - 1; index++) {
  const low = BANDS[index]
  const high = BANDS[index + 1]
  const inBand = calibration.filter((m) => m.confidence >= low && m.confidence < high)
  bands.push({
    band: `${low.toFixed(1)}–${Math.min(high, 1).toFixed(1)}`,
    messages: inBand.length,
    meanConfidence: inBand.length ? inBand.reduce((sum, m) => sum + m.confidence, 0) / inBand.length : null,
    detectionRight: ratio(inBand.filter((m) => m.right).length, inBand.length),
    repairRight: ratio(inBand.filter((m) => m.repaired).length, inBand.length)
  })
}
const spinScores = Object.fromEntries(
  Object.entries(scores).map(([kind, list]) => [kind, {
    articles: list.length,
    mean: list.length ? list.reduce((sum, s) => sum + s.score, 0) / list.length : null,
    min: list.length ? Math.min(...list.map((s) => s.score)) : null,
    max: list.length ? Math.max(...list.map((s) => s.score)) : null
  }])
)
const spunHigh = scores.spun.filter((s) => s.score >= 0.8).length
const cleanLow = scores.clean.filter((s) => s.score < 0.3).length
const result = {
  corpus: path.relative(process.cwd(), corpus) || '.',
  articles: articles.length,
  cleanWords,
  threshold,
  families,
  spinScores,
  spunAbove08: `${spunHigh}/${scores.spun.length}`,
  cleanBelow03: `${cleanLow}/${scores.clean.length}`,
  calibration: bands,
  namesCorpusRun: {
    messages: corpusNames.predicted,
    precision: ratio(corpusNames.correct, corpusNames.predicted),
    recall: ratio(corpusNames.found, corpusNames.gold),
    falseAlarmsPer1000WordsClean: cleanWords ? (1000 * corpusNames.falseAlarmsClean) / cleanWords : 0
  }
}

if (values.json) {
  console.log(JSON.stringify(values.verbose ? {...result, errors} : result, null, 2))
} else {
  console.log(`unspin eval — ${result.articles} articles in ${result.corpus}/ (${cleanWords} words of clean text), messages at confidence >= ${threshold}\n`)
  console.log(table(['family', 'messages', 'precision', 'recall', 'repair acc.', 'repair prec.', 'false alarms /1k clean words'], families.map((f) => [f.family, f.predicted, pct(f.precision), pct(f.recall), pct(f.repairAccuracy), pct(f.repairPrecision), f.falseAlarmsPer1000WordsClean.toFixed(2)])))
  const run = result.namesCorpusRun
  console.log(`\nnames with the whole corpus in one run (one spelling per corpus): ${run.messages} messages, precision ${pct(run.precision)}, recall ${pct(run.recall)}, ${run.falseAlarmsPer1000WordsClean.toFixed(2)} false alarms /1k clean words`)
  console.log('\nspin score by kind of article')
  console.log(table(['kind', 'articles', 'mean', 'min', 'max'], Object.entries(spinScores).map(([kind, s]) => [kind, s.articles, num(s.mean), num(s.min), num(s.max)])))
  console.log(`spun articles scoring >= 0.8: ${result.spunAbove08}; clean articles scoring < 0.3: ${result.cleanBelow03}`)
  console.log('\ncalibration (all families; every message down to 0.5)')
  console.log(table(['confidence', 'messages', 'mean conf.', 'detection right', 'repair right'], bands.map((b) => [b.band, b.messages, num(b.meanConfidence), pct(b.detectionRight), pct(b.repairRight)])))
  if (values.verbose) {
    console.log('\nerrors')
    for (const e of errors) console.log(`${e.kind.padEnd(14)} ${e.id} ${e.family} ${e.rule ?? ''} ${e.confidence ?? ''} ${JSON.stringify(e.text)} → ${JSON.stringify(e.expected)}`)
  }
}

function overlaps(gold, start, end) {
  if (gold.start === gold.end) return start <= gold.start && gold.start <= end
  return start < gold.end && gold.start < end
}

/**
 * The repair is right when the text after applying it equals the gold text
 * over the same stretch. A message may span several gold findings ("vitality
 * payments" for "energy bills" is two words the spinner changed): every gold
 * finding of its family inside the stretch is applied.
 */
function sameRepair(text, golds, message, start, end) {
  const inside = golds
    .filter((g) => g.family === message.family && overlaps(g, start, end))
    .sort((a, b) => a.start - b.start)
  const from = Math.min(start, ...inside.map((g) => g.start))
  const to = Math.max(end, ...inside.map((g) => g.end))
  const withMessage = text.slice(from, start) + (message.expected[0] ?? '') + text.slice(end, to)
  let withGold = ''
  let at = from
  for (const g of inside) {
    withGold += text.slice(at, g.start) + g.expected
    at = g.end
  }
  withGold += text.slice(at, to)
  return normalise(withMessage) === normalise(withGold)
}

function normalise(value) {
  return value.replace(/\s+/g, ' ').trim()
}

function context(text, start, end) {
  return text.slice(Math.max(0, start - 25), start) + '[' + text.slice(start, end) + ']' + text.slice(end, end + 25)
}

function ratio(a, b) {
  return b === 0 ? null : a / b
}

function pct(value) {
  return value === null ? '–' : `${(100 * value).toFixed(1)}%`
}

function num(value) {
  return value === null ? '–' : value.toFixed(2)
}

function table(head, rows) {
  const all = [head, ...rows.map((row) => row.map(String))]
  const widths = head.map((_, column) => Math.max(...all.map((row) => row[column].length)))
  const line = (row) => '| ' + row.map((cell, column) => cell.padEnd(widths[column])).join(' | ') + ' |'
  return [line(head), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.map((row) => line(row.map(String)))].join('\n')
}
