/**
 * `spintax` on the trees remark-retext and rehype-retext build: positions
 * point into the Markdown or HTML, and the tree leaves out link targets,
 * tags and code. The plugin must judge brackets on the prose the tree
 * holds, not on the file around it (a link's URL on the same line made
 * `We bought {hardware} in [town](http://x.com/).` look like code).
 *
 * The recorded trees are what remark-parse 11 + remark-retext 6 and
 * rehype-parse 9 + rehype-retext 5 with retext-english build for these
 * inputs; when those packages are installed, the last test runs them too.
 */
import {describe, expect, it} from 'vitest'
import type {Root} from 'nlcst'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {location} from 'vfile-location'
import {unspinPlugins, unspinProcessor} from '../src/index.js'
import type {UnspinMessage} from '../src/core/types.js'

/** A leaf: W word, S white space, P punctuation, C source (code); its value; its start (and end, where it is not start + length). */
type Leaf = [kind: 'W' | 'S' | 'P' | 'C', value: string, start: number, end?: number]

const MARKDOWN = 'We bought {hardware} in [town](http://x.com/).\n'
const MARKDOWN_LEAVES: Leaf[] = [
  ['W', 'We', 0], ['S', ' ', 2], ['W', 'bought', 3], ['S', ' ', 9], ['P', '{', 10], ['W', 'hardware', 11], ['P', '}', 19],
  ['S', ' ', 20], ['W', 'in', 21], ['S', ' ', 23], ['W', 'town', 25], ['P', '.', 45]
]
const MARKDOWN_CODE = 'Use `{stuff}` or {hardware} in [town](http://x.com/{id}).\n'
const MARKDOWN_CODE_LEAVES: Leaf[] = [
  ['W', 'Use', 0], ['S', ' ', 3], ['C', '`{stuff}`', 4, 13], ['S', ' ', 13], ['W', 'or', 14], ['S', ' ', 16], ['P', '{', 17],
  ['W', 'hardware', 18], ['P', '}', 26], ['S', ' ', 27], ['W', 'in', 28], ['S', ' ', 30], ['W', 'town', 32], ['P', '.', 56]
]
const HTML = '<p>We bought {hardware} in <a href="http://x.com/">town</a>.</p>\n'
const HTML_LEAVES: Leaf[] = [
  ['W', 'We', 3], ['S', ' ', 5], ['W', 'bought', 6], ['S', ' ', 12], ['P', '{', 13], ['W', 'hardware', 14], ['P', '}', 22],
  ['S', ' ', 23], ['W', 'in', 24], ['S', ' ', 26], ['W', 'town', 51], ['P', '.', 59]
]
const HTML_CODE = '<p>Use <code>{stuff}</code> or {hardware} in <a href="http://x.com/{id}">town</a>.</p>'
const HTML_CODE_LEAVES: Leaf[] = [
  ['W', 'Use', 3], ['S', ' ', 6], ['C', '{stuff}', 7, 14], ['S', ' ', 27], ['W', 'or', 28], ['S', ' ', 30], ['P', '{', 31],
  ['W', 'hardware', 32], ['P', '}', 40], ['S', ' ', 41], ['W', 'in', 42], ['S', ' ', 44], ['W', 'town', 73], ['P', '.', 81]
]

/** The tree: one paragraph of one sentence, as both bridges build for a one-paragraph document. */
function treeOf(source: string, leaves: Leaf[], paragraphPosition = true): Root {
  const place = location(source)
  const position = (start: number, end: number) => ({start: place.toPoint(start)!, end: place.toPoint(end)!})
  const children = leaves.map(([kind, value, start, end = start + value.length]) => {
    if (kind === 'W') return {type: 'WordNode', children: [{type: 'TextNode', value, position: position(start, end)}], position: position(start, end)}
    const type = kind === 'S' ? 'WhiteSpaceNode' : kind === 'P' ? 'PunctuationNode' : 'SourceNode'
    return {type, value, position: position(start, end)}
  })
  const first = leaves[0]![2]
  const last = leaves[leaves.length - 1]!
  const span = paragraphPosition ? {position: position(first, last[3] ?? last[2] + last[1].length)} : {}
  return {type: 'RootNode', children: [{type: 'ParagraphNode', children: [{type: 'SentenceNode', children, ...span}], ...span}], ...span} as Root
}

function found(source: string, tree: Root) {
  const file = new VFile({value: source})
  const processor = unified().use(unspinPlugins({families: ['spintax']}))
  processor.runSync(tree as never, file)
  // Each message with what the file holds at its place.
  return (file.messages as UnspinMessage[]).map((message) => {
    const place = message.place as {start: {offset: number}; end: {offset: number}}
    return [message.ruleId, message.actual, source.slice(place.start.offset, place.end.offset)]
  })
}

describe('spintax on trees from remark-retext and rehype-retext', () => {
  it('finds {hardware} in a Markdown paragraph with a link, at its place in the Markdown', () => {
    expect(found(MARKDOWN, treeOf(MARKDOWN, MARKDOWN_LEAVES))).toEqual([['spintax/braces', '{hardware}', '{hardware}']])
  })

  it('finds {hardware} in an HTML paragraph with a link, at its place in the HTML', () => {
    expect(found(HTML, treeOf(HTML, HTML_LEAVES))).toEqual([['spintax/braces', '{hardware}', '{hardware}']])
  })

  it('leaves code and URLs alone, which the tree marks as source or leaves out', () => {
    expect(found(MARKDOWN_CODE, treeOf(MARKDOWN_CODE, MARKDOWN_CODE_LEAVES))).toEqual([['spintax/braces', '{hardware}', '{hardware}']])
    expect(found(HTML_CODE, treeOf(HTML_CODE, HTML_CODE_LEAVES))).toEqual([['spintax/braces', '{hardware}', '{hardware}']])
  })

  it('works where a parser gives its paragraphs no position', () => {
    expect(found(MARKDOWN, treeOf(MARKDOWN, MARKDOWN_LEAVES, false))).toEqual([['spintax/braces', '{hardware}', '{hardware}']])
  })

  it('judges plain text as before, on unspin’s own parser', () => {
    const check = (text: string) => {
      const file = new VFile({value: text})
      const processor = unspinProcessor({families: ['spintax']})
      processor.runSync(processor.parse(file), file)
      return (file.messages as UnspinMessage[]).map((message) => message.actual)
    }
    // In plain text the URL is on the line: the braces may be code.
    expect(check(MARKDOWN)).toEqual([])
    expect(check('We bought {hardware} in town.\n')).toEqual(['{hardware}'])
  })
})

/** Resolves a package the project does not depend on, or gives undefined. */
async function optional(name: string): Promise<{default: unknown} | undefined> {
  try {
    return (await import(/* @vite-ignore */ name)) as {default: unknown}
  } catch {
    return undefined
  }
}

const bridges = await Promise.all(['remark-parse', 'remark-retext', 'retext-english'].map(optional))

describe.skipIf(bridges.some((module) => !module))('inside remark (remark-parse + remark-retext, when installed)', () => {
  it('finds what the CLI finds in the same Markdown', async () => {
    const [remarkParse, remarkRetext, retextEnglish] = bridges.map((module) => module!.default) as never[]
    const processor = unified()
      .use(remarkParse)
      .use(remarkRetext, unified().use(retextEnglish).use(unspinPlugins({families: ['spintax']})) as never)
    const file = new VFile({value: MARKDOWN_CODE})
    await processor.run(processor.parse(file) as never, file)
    expect((file.messages as UnspinMessage[]).map((message) => message.actual)).toEqual(['{hardware}'])
  })
})
