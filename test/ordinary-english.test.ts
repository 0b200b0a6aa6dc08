import fs from 'node:fs'
import path from 'node:path'
import {expect, test} from 'vitest'
import {createEngine} from '../src/index.js'

/**
 * Hard negatives: sentences and short paragraphs of ordinary English,
 * written for the project to use the words of spun forms in their ordinary
 * senses (verb readings, idioms, British English, legal, software and
 * science senses, organisation names, abbreviations), aimed at the edges of the spin
 * rules' conditions. Each is checked as a document of its own, as a short
 * clean article would be. A rule added or loosened so that it fires on
 * ordinary English fails here, with the sentence and the rule.
 */
const DIR = path.join(__dirname, 'fixtures/ordinary-english')
// `edges.txt` and the files beside it named `edges-*.txt` (one per rule file
// or round of rules, so their authors never edit the same file).
const FILES = fs
  .readdirSync(DIR)
  .filter((name) => /^edges(?:-[\w-]+)?\.txt$/.test(name))
  .sort()
  .map((name) => path.join(DIR, name))

test('ordinary English aimed at the spin rules gives no spin finding at the default threshold', () => {
  const paragraphs = FILES.flatMap((file) => fs.readFileSync(file, 'utf8').split('\n')).filter((line) => line.trim() !== '')
  // A fixture cut short would pass vacuously (it held 12,966 sentences when this bound was raised).
  expect(paragraphs.length).toBeGreaterThan(17100)
  const engine = createEngine({only: ['spin'], config: {}})
  // The same engine does speak on spinner output: silence here is the rules', not a broken check.
  const [control] = engine.check([{path: 'spun.txt', text: 'As we speak, safety officers stated the Ok.G.B. had dragged the nation right into a struggle.'}])
  expect(control!.messages.length).toBeGreaterThan(2)
  const files = engine.check(paragraphs.map((text, index) => ({path: `edges-${index + 1}.txt`, text})))
  const found = files.flatMap((file, index) =>
    file.messages.map((message) => `${paragraphs[index]}  <- ${message.ruleId} \`${message.actual}\` ${message.confidence.toFixed(2)}`)
  )
  expect(found).toEqual([])
})
