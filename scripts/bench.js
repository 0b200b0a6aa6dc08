#!/usr/bin/env node
/**
 * `npm run bench`: time `unspin check` on a few MB of article text, side by
 * side in one run with the design's own parts on the same files:
 *   (a) a bare retext-english parse,
 *   (b) retext-english + retext-spell with dictionary-en.
 * Prints MB/s and both ratios, twice: in one process, after a warm-up
 * round (the engine against the pipelines themselves), and as a user runs
 * them (the `unspin` bin run as a command against `node
 * scripts/retext-once.js`, one fresh process each over the same folder).
 * Then checks that cost grows linearly (a 10 MB file costs no more per MB
 * than a 10 kB one).
 *
 * Options: --mb N (default 3), --dir DIR (your own .txt and .md files, each
 * once, instead of the corpus's articles repeated), --rounds N (default 5; the best round counts),
 * --cli-rounds N (default 5: a fresh process's time varies by a fifth or more
 * on a shared machine, and the best of three was often no process's best).
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
import {InputError, readTextFileSync} from '../dist/core/io.js'

const root = path.resolve(fileURLToPath(import.meta.url), '../..')
const values = scriptOptions({
  mb: {type: 'string', default: '3'},
  rounds: {type: 'string', default: '5'},
  'cli-rounds': {type: 'string', default: '5'},
  dir: {type: 'string'}
})
const targetBytes = Number(values.mb) * 1e6
const rounds = Number(values.rounds)
const cliRounds = Number(values['cli-rounds'])

const files = []
let size = 0
let source
if (values.dir) {
  // A folder of the user's own text (.txt and .md, read as text), each file
  // once, up to --mb: distinct text, where the corpus below repeats its
  // articles, so that caches kept per word (unspin's, retext-spell's) meet
  // new words as they would in a real run.
  const dir = path.resolve(values.dir)
  const names = fs
    .readdirSync(dir, {recursive: true})
    .filter((name) => /\.(?:txt|md)$/i.test(name))
    .sort()
  for (const name of names) {
    if (size >= targetBytes) break
    // Files only: a folder can be named `notes.md`, and a link can lead nowhere.
    const stat = fs.statSync(path.join(dir, name), {throwIfNoEntry: false})
    if (!stat?.isFile()) continue
    // Text only, read as unspin reads it: what it refuses (binary, invalid UTF-8, empty) is no fair lap for either side.
    let text
    try {
      text = readTextFileSync(path.join(dir, name)).text
    } catch (error) {
      if (error instanceof InputError) continue
      throw error
    }
    if (text.trim() === '') continue
    files.push(text)
    size += Buffer.byteLength(text)
  }
  if (files.length === 0) {
    console.error(`bench: ${values.dir}: no .txt or .md files`)
    process.exit(2)
  }
  source = `${files.length} distinct files from ${values.dir}`
} else {
  // Articles: the project's corpus plus the public samples, as separate files.
  const sources = [path.join(root, 'corpus'), path.resolve(root, '../shared/seeds')]
  const articles = sources
    .filter((dir) => fs.existsSync(dir))
    .flatMap((dir) => fs.readdirSync(dir).filter((name) => name.endsWith('.txt')).map((name) => fs.readFileSync(path.join(dir, name), 'utf8')))
  for (let index = 0; size < targetBytes; index++) {
    const text = articles[index % articles.length]
    files.push(text)
    size += Buffer.byteLength(text)
  }
  source = `${files.length} articles (the corpus and the public samples, ${articles.length} distinct, repeated)`
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
// compilation, retext-spell's suggestions) and the best of the others
// counts. Each round's own ratios are kept too: pipelines timed seconds
// apart share the machine's mood, so their median is the steadier figure.
const perRound = []
const order = Object.entries(pipelines)
for (let round = 0; round <= rounds; round++) {
  const turn = round % order.length
  const took = {}
  for (const [name, run] of [...order.slice(turn), ...order.slice(0, turn)]) {
    const start = performance.now()
    await run()
    took[name] = performance.now() - start
  }
  if (round > 0) perRound.push(took)
}
const bestOf = (name) => Math.min(...perRound.map((took) => took[name]))
const [parseMs, spellMs, unspinMs] = [bestOf('parse'), bestOf('spell'), bestOf('unspin')]
const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
const pairedSpell = median(perRound.map((took) => took.spell / took.unspin))
const pairedParse = median(perRound.map((took) => took.unspin / took.parse))

// As a user runs them: one fresh process each over the same folder, with
// everything that costs (start-up, dictionary, reading, cold code,
// retext-spell's suggestions, writing the report), interleaved by round.
// unspin's rule cache is warm, as on every run after the first.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'unspin-bench-'))
files.forEach((text, index) => fs.writeFileSync(path.join(dir, `article-${String(index).padStart(5, '0')}.txt`), text))
const short = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'unspin-bench-')), 'short.txt')
fs.writeFileSync(short, 'One short line.\n')
const bin = path.join(root, 'bin/unspin.js')
const node = process.execPath
const checkDir = ['check', '--format', 'json', dir]
const checkShort = ['check', short]
const noSnapshot = {UNSPIN_SNAPSHOT: '0'}
// The bin as a user runs it, a command (its sh line starts Node.js from the
// snapshot), and the design's parts as `node SCRIPT`.
const commands = {
  parse: {file: node, args: [path.join(root, 'scripts/retext-once.js'), 'parse', dir]},
  spell: {file: node, args: [path.join(root, 'scripts/retext-once.js'), 'spell', dir]},
  unspin: {file: bin, args: checkDir},
  // Started with `node bin/unspin.js`, as npm's shim on Windows does: the
  // JavaScript launcher then starts the snapshot's process (src/cli/launch.ts).
  throughNode: {file: node, args: [bin, ...checkDir]},
  // Without the start-up snapshot.
  plain: {file: bin, args: checkDir, env: noSnapshot},
  // Start-up alone: one short file, from the snapshot and without it.
  startup: {file: bin, args: checkShort},
  startupPlain: {file: bin, args: checkShort, env: noSnapshot}
}
const cli = Object.fromEntries(Object.keys(commands).map((name) => [name, Infinity]))
const cliRoundsTook = []
const commandOrder = Object.entries(commands)
for (let round = 0; round < cliRounds; round++) {
  const turn = round % commandOrder.length
  const took = {}
  for (const [name, {file, args, env}] of [...commandOrder.slice(turn), ...commandOrder.slice(0, turn)]) {
    const start = performance.now()
    const result = spawnSync(file, args, {maxBuffer: 1 << 30, env: {...process.env, ...env}})
    // unspin exits 1 when it reports findings.
    if (result.status !== 0 && !(args.includes('check') && result.status === 1)) throw new Error(`${name} failed: ${result.stderr}`)
    took[name] = performance.now() - start
    cli[name] = Math.min(cli[name], took[name])
  }
  cliRoundsTook.push(took)
}
// As in one process: commands of one round share the machine's mood, so
// the median of the rounds' own ratios is steadier than a ratio of two
// bests, which may come from rounds far apart.
const cliPairedSpell = median(cliRoundsTook.map((took) => took.spell / took.unspin))
const cliPairedParse = median(cliRoundsTook.map((took) => took.unspin / took.parse))
fs.rmSync(dir, {recursive: true, force: true})
fs.rmSync(path.dirname(short), {recursive: true, force: true})

const rate = (ms) => mb / (ms / 1000)
const rows = [
  ['(a) retext-english parse', parseMs, cli.parse],
  ['(b) retext-english + retext-spell', spellMs, cli.spell],
  ['unspin check (engine, all families)', unspinMs, cli.unspin],
  ['unspin check, started with `node bin/unspin.js`', undefined, cli.throughNode],
  ['unspin check, started without the snapshot', undefined, cli.plain]
]
console.log(`unspin bench — ${source}, ${mb.toFixed(2)} MB, Node ${process.version}, ${os.cpus().length} cores\n`)
console.log(`| pipeline | in one process, warm (best of ${rounds}) | MB/s | as a command, fresh process (best of ${cliRounds}) | MB/s |`)
console.log('|---|---:|---:|---:|---:|')
for (const [name, warm, fresh] of rows) {
  const inProcess = warm === undefined ? '| — | — ' : `| ${(warm / 1000).toFixed(2)} s | ${rate(warm).toFixed(2)} `
  console.log(`| ${name} ${inProcess}| ${(fresh / 1000).toFixed(2)} s | ${rate(fresh).toFixed(2)} |`)
}
console.log(`\nstart-up, \`unspin check\` of one short file: ${(cli.startup / 1000).toFixed(2)} s from the snapshot, ${(cli.startupPlain / 1000).toFixed(2)} s without it`)
const x = (value) => `${value.toFixed(1)}x`
console.log(`\nunspin vs retext-spell (target: >= 5x faster)`)
console.log(`  in one process: ${x(spellMs / unspinMs)} faster (best rounds); median of the rounds' own ratios ${x(pairedSpell)}`)
console.log(`  as commands:    ${x(cli.spell / cli.unspin)} faster (best runs); median of the rounds' own ratios ${x(cliPairedSpell)}`)
console.log(`unspin vs bare retext-english parse (target: <= 1.5x the parse time)`)
console.log(`  in one process: ${(unspinMs / parseMs).toFixed(2)}x (best rounds); median of the rounds' own ratios ${pairedParse.toFixed(2)}x`)
console.log(`  as commands:    ${(cli.unspin / cli.parse).toFixed(2)}x (best runs); median of the rounds' own ratios ${cliPairedParse.toFixed(2)}x (the parse writes nothing; unspin writes its JSON report)`)

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
