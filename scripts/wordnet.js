#!/usr/bin/env node
/**
 * `node scripts/wordnet.js`: false alarms of the built-in `spin` rules on
 * ordinary English nobody wrote for them. WordNet's example sentences
 * (Debian's `wordnet-base`, read by path at run time, never copied into
 * the project) are about 37,000 short sentences of general English, one
 * to a few per sense of each word: the readings a thesaurus spinner
 * ignores ("a firm grip", "to cash a check", "a life-and-death struggle").
 *
 * They are checked twice, as articles of 300 sentences (six to a
 * paragraph):
 *   - clean: as they are. Every spin message is a false alarm.
 *   - in a spun document: a paragraph of spinner output (written for this
 *     script) before every fourth paragraph, so the document's spin score
 *     is high and the context-dependent rules speak. Every message outside
 *     those paragraphs is a proposal for a word the spinner did not touch.
 *     A real spun article is spun throughout, so an unspun word left there
 *     by its author is rarer than here: this measures the worst case.
 *
 * Options: --min-confidence X (default 0.5), --list (each message with its
 * sentence), --rules FILE,FILE (only messages from these rule files, by
 * base name), --wordnet DIR (default /usr/share/wordnet).
 */
import fs from 'node:fs'
import path from 'node:path'
import {scriptOptions} from './options.js'
import {createEngine, loadCatalogue} from '../dist/index.js'

const values = scriptOptions({
  'min-confidence': {type: 'string', default: '0.5'},
  list: {type: 'boolean', default: false},
  rules: {type: 'string'},
  wordnet: {type: 'string', default: '/usr/share/wordnet'}
})
const minConfidence = Number(values['min-confidence'])
const sources = ['noun', 'verb', 'adj', 'adv'].map((part) => path.join(values.wordnet, `data.${part}`))
const missing = sources.find((file) => !fs.existsSync(file))
if (missing) {
  console.error(`wordnet: ${missing}: no such file (install Debian's wordnet-base)`)
  process.exit(2)
}

// Example sentences are the quoted parts of each synset's gloss (after `|`).
const examples = new Set()
for (const file of sources) {
  for (const line of fs.readFileSync(file, 'latin1').split('\n')) {
    if (line.startsWith('  ')) continue // the licence header
    const gloss = line.slice(line.indexOf('|') + 1)
    if (gloss === line) continue
    for (const [, quoted] of gloss.matchAll(/"([^"]{20,})"/g)) examples.add(quoted.trim())
  }
}
// A fixed shuffle, so that runs compare and neighbours are unrelated senses.
const sentences = [...examples].sort()
let seed = 7
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
for (let index = sentences.length - 1; index > 0; index--) {
  const other = Math.floor(random() * (index + 1))
  ;[sentences[index], sentences[other]] = [sentences[other], sentences[index]]
}
const asSentence = (text) => {
  const capital = text.charAt(0).toUpperCase() + text.slice(1)
  return /[.?!]$/.test(capital) ? capital : `${capital}.`
}

// Spinner output as the sample spinner writes it (fingerprints of the `certain` kind).
const SPUN = [
  'As we speak, the most cancers charity stated it was considered one of many largest appeals.',
  'The safety officers advised reporters that the struggle had dragged on for months.',
  'Nonetheless, the chief\u2019s grip on energy was getting weaker, the army stated.',
  'He stated the imaginative and prescient was to get right of entry to extra funding.',
  'The corporate mentioned its income rose 10 p.c. within the first quarter.',
  'Officers stated the Ok.G.B. had tried to drag the nation right into a struggle.'
]

const documents = []
for (let start = 0; start < sentences.length; start += 300) {
  const paragraphs = []
  const chunk = sentences.slice(start, start + 300).map(asSentence)
  for (let at = 0; at < chunk.length; at += 6) paragraphs.push(chunk.slice(at, at + 6).join(' '))
  documents.push(paragraphs)
}
const words = sentences.reduce((sum, sentence) => sum + sentence.split(/\s+/).length, 0)

let engine
// Rule id → the base name of the rule file it comes from (a rule's origin is `FILE:LINE`).
let ruleFile
try {
  engine = createEngine({only: ['spin'], minConfidence, config: {}})
  ruleFile = new Map(loadCatalogue().phrases.get('spin').map((rule) => [`spin/${rule.id}`, path.basename(rule.origin.replace(/:\d+$/, ''))]))
} catch (error) {
  // A broken rule file names itself (FILE:LINE: what is wrong), as in the CLI.
  console.error(`wordnet: ${error.message}`)
  process.exit(2)
}
const wanted = values.rules ? new Set(values.rules.split(',').map((name) => path.basename(name))) : undefined

for (const mode of ['clean', 'in a spun document']) {
  const inputs = documents.map((paragraphs, index) => {
    const spun = new Set()
    const parts = []
    paragraphs.forEach((paragraph, at) => {
      if (mode !== 'clean' && at % 4 === 0) {
        spun.add(parts.length)
        parts.push(SPUN[(index + at / 4) % SPUN.length])
      }
      parts.push(paragraph)
    })
    return {path: `wordnet-${index}.txt`, text: parts.join('\n\n') + '\n', spun}
  })
  const files = engine.check(inputs)
  const found = []
  let scored = 0
  files.forEach((file, index) => {
    const {text, spun} = inputs[index]
    const starts = []
    for (let at = 0; at < text.length; ) {
      starts.push(at)
      const next = text.indexOf('\n\n', at)
      at = next === -1 ? text.length : next + 2
    }
    if ((file.data.spinScore ?? 0) >= 0.8) scored++
    for (const message of file.messages) {
      const start = message.place.start.offset
      let paragraph = starts.length - 1
      while (starts[paragraph] > start) paragraph--
      if (spun.has(paragraph)) continue
      const rule = ruleFile.get(message.ruleId) ?? '?'
      if (wanted && !wanted.has(rule)) continue
      const from = Math.max(text.lastIndexOf('. ', start) + 2, starts[paragraph])
      const to = text.indexOf('. ', message.place.end.offset)
      found.push({message, rule, sentence: text.slice(from, to === -1 ? undefined : to + 1)})
    }
  })
  const byRule = new Map()
  for (const {message, rule} of found) {
    const key = `${rule} ${message.ruleId}`
    byRule.set(key, (byRule.get(key) ?? 0) + 1)
  }
  console.log(
    `\n${mode}: ${found.length} spin messages at >= ${minConfidence} in ${(words / 1000).toFixed(0)}k words of WordNet examples ` +
      `(${((found.length / words) * 1000).toFixed(2)} per 1k words; ${documents.length} documents, ${scored} with a spin score >= 0.8)`
  )
  for (const [key, count] of [...byRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) console.log(`  ${count}  ${key}`)
  if (values.list) {
    for (const {message, rule, sentence} of found.sort((a, b) => (a.message.ruleId < b.message.ruleId ? -1 : 1))) {
      console.log(`${message.confidence.toFixed(2)} ${rule} ${message.ruleId} | ${message.actual} -> ${message.expected[0]} | ${sentence}`)
    }
  }
}
