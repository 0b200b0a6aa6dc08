import fs from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {createEngine} from '../src/engine/index.js'
import {openSource} from '../src/inputs/index.js'
import {fixSources} from '../src/inputs/fix.js'

const CORPUS = path.resolve(__dirname, '../corpus')
const engine = createEngine({only: ['boilerplate', 'glued', 'mojibake', 'mt'], minConfidence: 0.7})
const norm = (value: string) => value.replace(/\s+/g, ' ').trim()
const read = (id: string) => fs.readFileSync(path.join(CORPUS, `${id}.txt`), 'utf8')
const clean = (id: string) => fixSources([openSource({path: `${id}.txt`, text: read(id), bom: false})], engine)[0]!.text

describe('scraped pages of the corpus (corpus/src/scraped-*.ann.txt)', () => {
  it.each(['scraped-01-harbour', 'scraped-02-library'])('%s cleans to its original', (id) => {
    expect(norm(clean(id))).toBe(norm(read(`${id}-original`)))
  })

  it('scraped-03-festival cleans to its original but for one glued name', () => {
    // "Kurierthat" stays: "Kurier" is no English word and the page never uses it alone (precision first).
    expect(norm(clean('scraped-03-festival'))).toBe(norm(read('scraped-03-festival-original').replace('Kurier that', 'Kurierthat')))
  })

  it.each(['scraped-04-clean', 'scraped-01-harbour-original', 'scraped-02-library-original', 'scraped-03-festival-original'])(
    '%s stays byte-identical',
    (id) => {
      expect(clean(id)).toBe(read(id))
    }
  )
})
