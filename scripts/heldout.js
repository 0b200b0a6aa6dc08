#!/usr/bin/env node
/**
 * `node scripts/heldout.js`: how much of real spinner output the built-in
 * catalogue knows, measured on data it was never written from. The
 * Problematic Paper Screener's tortured-phrase list (third-party, read by
 * path from ../shared/data, never copied into the project) pairs phrases
 * academic paraphrasers produced with the phrase they replaced. Each
 * tortured phrase is put in a neutral sentence and checked with the
 * built-in `spin` rules only (no --fingerprints): recall is the share found,
 * repair accuracy the share whose best proposal is the replaced phrase.
 *
 * The neutral sentence is scored as a whole spun document would be (the
 * rule's own confidence), since one sentence cannot carry a spin score.
 *
 * Options: --list FILE (default: the PPS JSON export; the CSV export works too), --verbose.
 */
import fs from 'node:fs'
import path from 'node:path'
import {scriptOptions} from './options.js'
import {fileURLToPath} from 'node:url'
import {loadCatalogue, parse} from '../dist/index.js'
import {matcherFor} from '../dist/rules/matcher.js'
import {sentenceTokens, sentences} from '../dist/core/tokens.js'
import {loadFingerprints} from '../dist/rules/fingerprints.js'

const root = path.resolve(fileURLToPath(import.meta.url), '../..')
const values = scriptOptions({
  list: {type: 'string', default: path.resolve(root, '../shared/data/tortured-phrases/torturedcheck_tortured-phrases.json')},
  verbose: {type: 'boolean', default: false}
})
if (!fs.existsSync(values.list)) {
  console.error(`heldout: ${values.list}: no such file (the third-party list is not part of the project)`)
  process.exit(2)
}
// Plain phrases only: rows with AND/NOT/proximity need a whole paper around them.
const pairs = readList(values.list)
  .filter((row) => row.requires.length === 0 && row.requiresAny.length === 0 && row.excludes.length === 0 && row.slop === undefined)
  .filter((row) => /^[\p{L}\s'-]+$/u.test(row.tortured))
  .map((row) => ({tortured: row.tortured, correct: row.expected[0] ?? ''}))
const catalogue = loadCatalogue()
const matcher = matcherFor(catalogue.phrases.get('spin') ?? [], catalogue.classes)

let found = 0
let repaired = 0
const missed = []
for (const {tortured, correct} of pairs) {
  const text = `In this study, the ${tortured} was evaluated on three data sets.`
  const start = text.indexOf(tortured)
  const candidates = []
  for (const sentence of sentences(parse(text))) matcher.match(sentenceTokens(sentence), text, candidates)
  const hits = candidates.filter((candidate) => candidate.start < start + tortured.length && start < candidate.end)
  if (hits.length === 0) {
    missed.push(tortured)
    continue
  }
  found++
  // Repaired: the hits' best proposals turn the phrase into the replaced one.
  let fixed = text
  for (const hit of [...hits].sort((a, b) => b.start - a.start)) fixed = fixed.slice(0, hit.start) + hit.expected[0] + fixed.slice(hit.end)
  if (fixed.toLowerCase().includes(` ${correct.toLowerCase()} `)) repaired++
}
const pct = (a, b) => `${((100 * a) / b).toFixed(1)}%`
console.log(`held-out tortured phrases (${path.basename(values.list)}): ${pairs.length} plain phrases`)
console.log(`found by the built-in catalogue: ${found} (${pct(found, pairs.length)}); repaired to the replaced phrase: ${repaired} (${pct(repaired, found)} of those found)`)
if (values.verbose) console.log(`\nmissed (first 100):\n${missed.slice(0, 100).join('\n')}`)

/** The list's rows, or a one-line error naming the file (a list that is not one, say). */
function readList(file) {
  try {
    return loadFingerprints(file)
  } catch (error) {
    // An InputError reads `FILE:LINE: what is wrong`.
    console.error(`heldout: ${String(error)}`)
    process.exit(2)
  }
}
