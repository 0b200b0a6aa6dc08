import {expect, test} from 'vitest'
import {createEngine} from '../src/index.js'
import {fixtureLines} from './helpers/ordinary-english.js'

/**
 * Hard negatives: sentences and short paragraphs of ordinary English,
 * written for the project to use the words of spun forms in their ordinary
 * senses (verb readings, idioms, British English, legal, software and
 * science senses, organisation names, abbreviations), aimed at the edges of the spin
 * rules' conditions. Each is checked as a document of its own, as a short
 * clean article would be. A rule added or loosened so that it fires on
 * ordinary English fails here, with the sentence and the rule.
 */

test('ordinary English aimed at the spin rules gives no spin finding at the default threshold', () => {
  const paragraphs = fixtureLines('edges')
  // A fixture cut short would pass vacuously (it held 17,492 sentences when this bound was raised).
  expect(paragraphs.length).toBeGreaterThan(17400)
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
