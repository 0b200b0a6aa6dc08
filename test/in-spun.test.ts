import {expect, test} from 'vitest'
import {createEngine} from '../src/index.js'
import {fixtureLines} from './helpers/ordinary-english.js'

/**
 * Hard negatives inside a spun document: sentences written for the project
 * that use a spun form's word in a sense its proposal cannot have ("a firm
 * grip" is no company, "to cash a cheque" no money, "stated his case" no
 * "said his case"). Each follows a paragraph of spinner output, so the
 * document's spin score is high and the context-dependent rules speak: a
 * rule that proposes there anyway is missing a condition. (An unspun word
 * whose proposal would fit is not a hard negative: in a spun article the
 * spinner rewrites its author's own words too, so such a word is most
 * likely its output. Those are measured by `scripts/wordnet.js`.)
 */
const SPUN = 'As we speak, the most cancers charity stated it was considered one of many largest appeals. The safety officers advised reporters that the struggle had dragged on for months.'

test('words in senses their proposals cannot have give no spin finding inside a spun document', () => {
  const sentences = fixtureLines('in-spun')
  // A fixture cut short, or a round's file not read, would pass vacuously (1,432 sentences when this bound was raised).
  expect(sentences.length).toBeGreaterThan(1400)
  const engine = createEngine({only: ['spin'], config: {}})
  const files = engine.check(sentences.map((sentence, index) => ({path: `in-spun-${index + 1}.txt`, text: `${SPUN}\n\n${sentence}\n`})))
  // The spinner's paragraph does make each document spun: silence below is the rules'.
  for (const file of files) expect(file.data.spinScore).toBeGreaterThanOrEqual(0.8)
  const found = files.flatMap((file, index) =>
    file.messages
      .filter((message) => (message.place && 'start' in message.place ? message.place.start.offset ?? 0 : 0) > SPUN.length)
      .map((message) => `${sentences[index]}  <- ${message.ruleId} \`${message.actual}\` ${(message as {confidence?: number}).confidence?.toFixed(2)}`)
  )
  expect(found).toEqual([])
})
