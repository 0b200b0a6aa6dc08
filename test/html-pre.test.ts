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

describe('HTML code is not prose', () => {
  it('checks and fixes nothing inside <pre>, <code>, <kbd>, <samp>, <textarea>, <script> or <style>', () => {
    for (const code of [
      '<pre>Ok.G.B. {hardware}</pre>',
      '<pre><code>Ok.G.B. {hardware}</code></pre>',
      '<p>Type <code>{hardware}</code> or <kbd>{hardware}</kbd> to see <samp>Ok.G.B. {hardware}</samp> in the log.</p>',
      '<form><textarea>Ok.G.B. {hardware}</textarea></form>',
      '<script>var text = "Ok.G.B. {hardware}"</script><style>p { content: "Ok.G.B." }</style>'
    ]) {
      const source = page(code)
      expect(check(source), code).toEqual([])
      expect(fix(source), code).toBe(source)
    }
  })

  it('still fixes the prose around the code', () => {
    const source = page('<p>Officials of the Ok.G.B. bought {hardware} abroad.</p>\n<pre>Ok.G.B. {hardware}</pre>')
    expect(check(source)).toEqual(['spin/initialisms-ok-for-k Ok.G.B.', 'spintax/braces {hardware}'])
    expect(fix(source)).toBe(source.replace('the Ok.G.B. bought {hardware}', 'the K.G.B. bought hardware'))
  })

  it('keeps a line break around a <pre>, so the words on either side stay apart', () => {
    expect(textOf(page('<div>Share this<pre>x</pre>story</div>')).trim().split(/\s*\n\s*/)).toEqual(['Share this', 'story'])
  })

  it('never deletes code along with a line of page furniture', () => {
    const source = page(
      '<p>Police said on Monday that the bridge would stay closed for at least two more weeks while engineers inspected it.</p>\n' +
        '<div class="ad">Advertisement<pre>{hardware}</pre></div>'
    )
    expect(fix(source)).toContain('<pre>{hardware}</pre>')
  })
})
