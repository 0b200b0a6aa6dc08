#!/usr/bin/env node
// Compare unspin's name clustering with the key-collision methods people use
// today on a list of name variants (test/fixtures/name-variants.tsv by default):
// OpenRefine-style fingerprints, Double Metaphone and Daitch–Mokotoff.
// Prints pairwise precision, recall and F1 for each, and the time taken.
//
//   npm run build && node scripts/names-bench.js [FILE.tsv]
//
// FILE.tsv: one `entity<TAB>spelling` per line; `#` lines are comments.

import fs from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {createRequire} from 'node:module'

const require = createRequire(import.meta.url)
const fingerprint = require('talisman/keyers/fingerprint')
const doubleMetaphone = require('talisman/phonetics/double-metaphone')
const daitchMokotoff = require('talisman/phonetics/daitch-mokotoff')
const {clusterNames, loadLexicon, englishDictionary, loadRegistry, emptyRegistry} = await import('../dist/names/index.js')

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..')
const file = process.argv[2] ?? path.join(ROOT, 'test/fixtures/name-variants.tsv')
const rows = fs
  .readFileSync(file, 'utf8')
  .split(/\r?\n/)
  .filter((line) => line.trim() && !line.startsWith('#'))
  .map((line) => line.split('\t'))
const names = [...new Set(rows.map((row) => row[1]))]
const gold = new Map(rows.map(([entity, name]) => [name, entity]))

/** ASCII letters only, for the phonetic encoders (they expect plain Latin). */
const plain = (value) => value.normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/Ł/g, 'L').replace(/[^A-Za-z\s]/g, '')
const tokens = (value) => plain(value).split(/\s+/).filter(Boolean)

function keyClusters(keyOf) {
  const groups = new Map()
  for (const name of names) {
    const key = keyOf(name)
    groups.set(key, [...(groups.get(key) ?? []), name])
  }
  return [...groups.values()]
}

/** Daitch–Mokotoff gives several codes per word: names match when every word shares a code. */
function dmClusters() {
  const codes = new Map(names.map((name) => [name, tokens(name).map((token) => new Set(daitchMokotoff(token)))]))
  const parent = new Map(names.map((name) => [name, name]))
  const find = (name) => (parent.get(name) === name ? name : find(parent.get(name)))
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = codes.get(names[i])
      const b = codes.get(names[j])
      if (a.length !== b.length) continue
      if (a.every((set, index) => [...set].some((code) => b[index].has(code)))) parent.set(find(names[i]), find(names[j]))
    }
  }
  const groups = new Map()
  for (const name of names) groups.set(find(name), [...(groups.get(find(name)) ?? []), name])
  return [...groups.values()]
}

function unspin(registry) {
  const clusters = clusterNames(names, {lexicon: loadLexicon(), dictionary: englishDictionary(), registry, singletons: true})
  const seen = new Set()
  const groups = clusters.map((cluster) => cluster.variants.filter((name) => gold.has(name) && !seen.has(name) && seen.add(name)))
  for (const name of names) if (!seen.has(name)) groups.push([name])
  return groups
}

function score(groups) {
  const predicted = new Map()
  groups.forEach((group, index) => group.forEach((name) => predicted.set(name, index)))
  let tp = 0
  let fp = 0
  let fn = 0
  const wrong = []
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const same = gold.get(names[i]) === gold.get(names[j])
      const said = predicted.get(names[i]) === predicted.get(names[j])
      if (same && said) tp++
      else if (said) {
        fp++
        wrong.push(`${names[i]} = ${names[j]}`)
      } else if (same) fn++
    }
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp)
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn)
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall)
  return {precision, recall, f1, wrong}
}

const methods = [
  ['OpenRefine fingerprint', () => keyClusters((name) => fingerprint(name))],
  ['Double Metaphone (primary, per word)', () => keyClusters((name) => tokens(name).map((token) => doubleMetaphone(token)[0]).join(' '))],
  ['Daitch–Mokotoff (shared code per word)', dmClusters],
  ['unspin, no registry', () => unspin(emptyRegistry())],
  ['unspin, default registry', () => unspin(loadRegistry())]
]

const entities = new Set(gold.values()).size
console.log(`${path.relative(process.cwd(), file)}: ${names.length} spellings of ${entities} people and places\n`)
console.log('method                                   precision  recall     F1   time')
for (const [label, run] of methods) {
  const started = performance.now()
  const groups = run()
  const elapsed = performance.now() - started
  const result = score(groups)
  console.log(`${label.padEnd(40)} ${result.precision.toFixed(3).padStart(9)} ${result.recall.toFixed(3).padStart(7)} ${result.f1.toFixed(3).padStart(6)} ${elapsed.toFixed(0).padStart(5)}ms`)
  if (process.env.VERBOSE && result.wrong.length > 0) console.log('  false merges: ' + result.wrong.join('; '))
}
