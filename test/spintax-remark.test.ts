/**
 * `spintax` on the trees remark-retext and rehype-retext build: positions
 * point into the Markdown or HTML, and the tree leaves out link targets,
 * tags and code. The plugin must judge brackets on the prose the tree
 * holds, not on the file around it (a link's URL on the same line made
 * `We bought {hardware} in [town](http://x.com/).` look like code).
 *
 * The recorded trees are what remark-parse 11 + remark-retext 6 and
 * rehype-parse 9 + rehype-retext 5 with retext-english build for these
 * inputs (so a change in the plugin shows against a fixed tree); the last
 * tests run those packages themselves (development dependencies) and check
 * that they still build the recorded trees.
 */
import {describe, expect, it} from 'vitest'
import type {Root} from 'nlcst'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {location} from 'vfile-location'
import rehypeParse from 'rehype-parse'
import rehypeRetext from 'rehype-retext'
import remarkParse from 'remark-parse'
import remarkRetext from 'remark-retext'
import retextEnglish from 'retext-english'
import {unspinPlugins, unspinProcessor, type PresetOptions} from '../src/index.js'
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

/** The leaves of a tree as `Leaf`s, to compare a live bridge's tree with a recorded one. */
function leavesOf(tree: Root): Leaf[] {
  const leaves: Leaf[] = []
  const walk = (node: {type: string; value?: string; children?: unknown[]; position?: {start: {offset?: number}; end: {offset?: number}}}) => {
    if (node.type === 'WordNode') {
      const text = node.children!.map((child) => (child as {value: string}).value).join('')
      const start = node.position!.start.offset!
      const end = node.position!.end.offset!
      leaves.push(end === start + text.length ? ['W', text, start] : ['W', text, start, end])
      return
    }
    if (node.children) {
      for (const child of node.children) walk(child as never)
      return
    }
    const kind = node.type === 'WhiteSpaceNode' ? 'S' : node.type === 'SourceNode' ? 'C' : node.type === 'PunctuationNode' || node.type === 'SymbolNode' ? 'P' : undefined
    if (!kind || node.value === undefined) return
    const start = node.position!.start.offset!
    const end = node.position!.end.offset!
    leaves.push(end === start + node.value.length ? [kind, node.value, start] : [kind, node.value, start, end])
  }
  walk(tree as never)
  return leaves
}

/** The nlcst tree a remark or rehype bridge hands its retext processor, and the messages unspin's plugins leave on the file. */
async function bridged(source: string, bridge: 'remark' | 'rehype', families: PresetOptions['families']) {
  let tree: Root | undefined
  const capture = () => (node: Root) => {
    tree = structuredClone(node)
  }
  const retext = unified().use(retextEnglish).use(capture).use(unspinPlugins({families}))
  const processor = bridge === 'remark' ? unified().use(remarkParse).use(remarkRetext, retext as never) : unified().use(rehypeParse, {fragment: true}).use(rehypeRetext, retext as never)
  const file = new VFile({value: source})
  await processor.run(processor.parse(file) as never, file)
  const messages = (file.messages as UnspinMessage[]).map((message) => {
    const place = message.place as {start: {offset: number}; end: {offset: number}}
    return [message.ruleId, message.actual, source.slice(place.start.offset, place.end.offset)]
  })
  return {tree: tree!, messages}
}

describe('inside remark and rehype, live (remark-parse + remark-retext, rehype-parse + rehype-retext, retext-english)', () => {
  it('gets the trees recorded above from the bridges themselves', async () => {
    // Written the way `leavesOf` writes them: an end only where it is not start + length.
    const plain = (leaves: Leaf[]) => leaves.map(([kind, value, start, end]): Leaf => (end === undefined || end === start + value.length ? [kind, value, start] : [kind, value, start, end]))
    expect(leavesOf((await bridged(MARKDOWN, 'remark', ['spintax'])).tree)).toEqual(plain(MARKDOWN_LEAVES))
    expect(leavesOf((await bridged(MARKDOWN_CODE, 'remark', ['spintax'])).tree)).toEqual(plain(MARKDOWN_CODE_LEAVES))
    expect(leavesOf((await bridged(HTML, 'rehype', ['spintax'])).tree)).toEqual(plain(HTML_LEAVES))
    expect(leavesOf((await bridged(HTML_CODE, 'rehype', ['spintax'])).tree)).toEqual(plain(HTML_CODE_LEAVES))
  })

  it('finds template debris at its place in the Markdown and the HTML, and leaves code and URLs alone', async () => {
    expect((await bridged(MARKDOWN_CODE, 'remark', ['spintax'])).messages).toEqual([['spintax/braces', '{hardware}', '{hardware}']])
    expect((await bridged(HTML_CODE, 'rehype', ['spintax'])).messages).toEqual([['spintax/braces', '{hardware}', '{hardware}']])
  })

  it('finds spinner damage across inline markup, at its place in the source', async () => {
    const markdown = '# Talks\n\n**As we speak**, [safety officers](https://example.com/k) stated the *Ok.G.B.* had dragged the nation right into a struggle.\n'
    const {messages} = await bridged(markdown, 'remark', ['spin'])
    const actual = messages.map(([, found]) => found)
    expect(actual).toEqual(expect.arrayContaining(['As we speak', 'safety officers', 'Ok.G.B.', 'right into a struggle']))
    // Each message points at the words as the Markdown holds them.
    for (const [, found, atPlace] of messages) expect(atPlace).toBe(found)
    const html = '<p><b>As we speak</b>, <a href="/k">safety officers</a> stated the <i>Ok.G.B.</i> had dragged the nation right into a struggle.</p>'
    const fromHtml = await bridged(html, 'rehype', ['spin'])
    expect(fromHtml.messages.map(([, found]) => found)).toEqual(expect.arrayContaining(['As we speak', 'Ok.G.B.', 'right into a struggle']))
    for (const [, found, atPlace] of fromHtml.messages) expect(atPlace).toBe(found)
  })
})
