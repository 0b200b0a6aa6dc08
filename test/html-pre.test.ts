/**
 * HTML input: what of the page is prose (checked and fixed) and what is not.
 */
import {describe, expect, it} from 'vitest'
import {openSource} from '../src/inputs/index.js'
import {fixSources} from '../src/inputs/fix.js'
import {createEngine} from '../src/engine/index.js'
import type {UnspinMessage} from '../src/core/types.js'

const engine = createEngine({only: ['spin', 'spintax', 'boilerplate'], minConfidence: 0.5, config: {}})
const page = (body: string) => `<!doctype html><html><head><title>Bridge</title></head><body>\n${body}\n</body></html>\n`
const textOf = (source: string) => openSource({path: 'a.html', text: source, bom: false}).docs[0]!.text

function check(source: string) {
  const [file] = engine.check([{path: 'a.html', text: textOf(source), raw: source}])
  return (file!.messages as UnspinMessage[]).map((message) => `${message.ruleId} ${message.actual}`)
}

const fix = (source: string) => fixSources([openSource({path: 'a.html', text: source, bom: false})], engine, {})[0]!.text

describe('HTML end tags', () => {
  it('are not text when the parser joins the white space after them to the last text of the body', () => {
    // parse5 puts the line break after `</html>` into the body, in one text node with the one before `</body>`.
    const source = page('<p>The bridge stays closed.</p>')
    expect(textOf(source)).not.toContain('</')
    expect(textOf('<html><body><p>x</p>Hello\n</body></html>\n').split(/\s+/).filter(Boolean)).toEqual(['x', 'Hello'])
    expect(check(source)).toEqual([])
    expect(fix(source)).toBe(source)
  })
})
