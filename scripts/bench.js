#!/usr/bin/env node
/**
 * `npm run bench`: time `unspin check` on a few MB of article text, side by
 * side in one run with the design's own parts on the same files:
 *   (a) a bare retext-english parse,
 *   (b) retext-english + retext-spell with dictionary-en.
 * Prints MB/s and both ratios, then checks that cost grows linearly (a
 * 10 MB file costs no more per MB than a 10 kB one).
 *
 * Options: --mb N (default 3), --rounds N (default 5; the best round counts).
 */
import {spawnSync} from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import {scriptOptions} from './options.js'
import {fileURLToPath} from 'node:url'
import {unified} from 'unified'
import retextEnglish from 'retext-english'
import retextSpell from 'retext-spell'
import dictionaryEn from 'dictionary-en'
import {VFile} from 'vfile'
import {createEngine} from '../dist/index.js'

const root = path.resolve(fileURLToPath(import.meta.url), '../..')
const values = scriptOptions({mb: {type: 'string', default: '3'}, rounds: {type: 'string', default: '5'}})
const targetBytes = Number(values.mb) * 1e6
const rounds = Number(values.rounds)

// Articles: the project's corpus plus the public samples, as separate files.
const sources = [path.join(root, 'corpus'), path.resolve(root, '../shared/seeds')]
const articles = sources
  .filter((dir) => fs.existsSync(dir))
  .flatMap((dir) => fs.readdirSync(dir).filter((name) => name.endsWith('.txt')).map((name) => fs.readFileSync(path.join(dir, name), 'utf8')))
const files = []
let size = 0
for (let index = 0; size < targetBytes; index++) {
  const text = articles[index % articles.length]
  files.push(text)
  size += Buffer.byteLength(text)
}
const mb = size / 1e6

const parser = unified().use(retextEnglish)
const speller = unified().use(retextEnglish).use(retextSpell, {dictionary: dictionaryEn})
const engine = createEngine({config: {}})

const pipelines = {
  parse: () => {
    for (const text of files) parser.runSync(parser.parse(text))
  },
  spell: async () => {
    for (const text of files) {
      const file = new VFile(text)
      await speller.run(speller.parse(file), file)
    }
  },
  unspin: () => {
    engine.check(files.map((text, index) => ({path: `article-${index}.txt`, text})))
  }
}

// Rounds interleave the three pipelines, so that a slow spell of this
// shared machine falls on all of them alike, and each round starts with
// the next one, so that none always runs in the garbage the same other
// pipeline left; the first round warms up (dictionary loading,
// compilation) and the best of the others counts.
const times = {parse: Infinity, spell: Infinity, unspin: Infinity}
const order = Object.entries(pipelines)
for (let round = 0; round <= rounds; round++) {
  const turn = round % order.length
  for (const [name, run] of [...order.slice(turn), ...order.slice(0, turn)]) {
    const start = performance.now()
    await run()
    if (round > 0) times[name] = Math.min(times[name], performance.now() - start)
  }
}
const {parse: parseMs, spell: spellMs, unspin: unspinMs} = times

function best(run) {
  let fastest = Infinity
  for (let round = 0; round < rounds; round++) {
    const start = performance.now()
    run()
    fastest = Math.min(fastest, performance.now() - start)
  }
  return fastest
}

// The command itself, end to end (start-up, reading, reporting), on the same files.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unspin-bench-'))
files.forEach((text, index) => fs.writeFileSync(path.join(dir, `article-${String(index).padStart(5, '0')}.txt`), text))
const cliMs = best(() => {
  const result = spawnSync(process.execPath, [path.join(root, 'bin/unspin.js'), 'check', '--format', 'json', dir], {maxBuffer: 1 << 30})
  if (result.status !== 0 && result.status !== 1) throw new Error(`unspin check failed: ${result.stderr}`)
})
fs.rmSync(dir, {recursive: true, force: true})

const rate = (ms) => mb / (ms / 1000)
const rows = [
  ['(a) retext-english parse', parseMs, rate(parseMs)],
  ['(b) retext-english + retext-spell', spellMs, rate(spellMs)],
  ['unspin check (engine, all families)', unspinMs, rate(unspinMs)],
  ['unspin check (CLI, end to end)', cliMs, rate(cliMs)]
]
console.log(`unspin bench — ${files.length} articles, ${mb.toFixed(2)} MB, best of ${rounds} rounds, Node ${process.version}, ${os.cpus().length} cores\n`)
console.log('| pipeline | time | MB/s |')
console.log('|---|---:|---:|')
for (const [name, ms, speed] of rows) console.log(`| ${name} | ${(ms / 1000).toFixed(2)} s | ${speed.toFixed(2)} |`)
console.log(`\nunspin check vs retext-spell: ${(spellMs / unspinMs).toFixed(1)}x faster (target: >= 5x)`)
console.log(`unspin check vs bare parse: ${(unspinMs / parseMs).toFixed(2)}x the parse time (target: <= 1.5x)`)

// Linearity: the same 10 MB of text, checked as one file and as a thousand
// 10 kB files, so both sides see the same words.
const long = files.join('\n\n')
let big = long
while (big.length < 10e6) big += '\n\n' + long
big = big.slice(0, 10e6)
const pieces = []
for (let at = 0; at < big.length; at += 10_000) pieces.push(big.slice(at, at + 10_000))
// Interleaved like the pipelines above: one round of each, then the next.
const linear = {small: Infinity, big: Infinity}
for (let round = 0; round < rounds; round++) {
  for (const [name, texts] of [['small', pieces], ['big', [big]]]) {
    const start = performance.now()
    for (const text of texts) engine.check([{path: 'x.txt', text}])
    linear[name] = Math.min(linear[name], performance.now() - start)
  }
}
const smallPerMb = linear.small / (big.length / 1e6)
const bigPerMb = linear.big / (big.length / 1e6)
console.log(`\nlinearity (the same 10 MB): as 10 kB files ${smallPerMb.toFixed(0)} ms/MB, as one 10 MB file ${bigPerMb.toFixed(0)} ms/MB (ratio ${(bigPerMb / smallPerMb).toFixed(2)}; target <= 1)`)
