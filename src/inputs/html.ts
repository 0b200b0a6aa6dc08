/**
 * HTML: parse with parse5 (hast-util-from-html, positions on), keep the
 * characters of visible text nodes and blank out the rest, with a line
 * break where a block element starts or ends, so the text reads like the
 * page and offsets are offsets into the file. A proposal inside one text
 * node is applied as it is; deleting whole lines deletes the element that
 * holds exactly those lines; anything else is left alone.
 */
import {lazy} from '../core/lazy.js'
import type * as FromHtml from 'hast-util-from-html'
import type {Element, Nodes, Root, Text} from 'hast'
import type * as ReadabilityModule from '@mozilla/readability'
import type * as Linkedom from 'linkedom'
import type {Edit} from '../core/edits.js'
import type {Mapped} from './index.js'

const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'svg', 'math', 'iframe', 'object', 'canvas', 'select', 'option'])
/**
 * Code, what a user types or a program prints, and form fields: shown on
 * the page but never checked or fixed, as code in Markdown, since braces
 * and odd tokens there are meant as written. (`script` and `style` are
 * hidden, so never seen either.)
 */
const CODE = new Set(['pre', 'code', 'kbd', 'samp', 'textarea', 'listing', 'xmp', 'plaintext'])
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul', 'caption', 'button', 'label', 'legend', 'menu', 'picture', 'video', 'audio'
])
const ID = 'data-unspin-id'

interface TextInfo {
  node: Text
  start: number
  end: number
  /** Elements from the root down to the text's parent. */
  ancestors: Element[]
}

export function html(source: string, options: {extract: boolean}): Mapped {
  const tree = load().fromHtml(source) as Root
  const texts: TextInfo[] = []
  const elements: Element[] = []
  const breaks: number[] = []
  /** Where code elements lie in the source: no deletion may take them along. */
  const code: Array<[number, number]> = []

  const visit = (node: Nodes, ancestors: Element[]) => {
    if (node.type === 'text') {
      const start = node.position?.start.offset
      const end = node.position?.end.offset
      if (start !== undefined && end !== undefined && end > start) texts.push({node, start, end, ancestors})
      return
    }
    if (node.type === 'element') {
      const isCode = CODE.has(node.tagName)
      if (isCode && node.position) code.push([node.position.start.offset!, node.position.end.offset!])
      if (HIDDEN.has(node.tagName) || node.properties?.hidden !== undefined) return
      if (node.position) elements.push(node)
      if (BLOCK.has(node.tagName) && node.position) {
        breaks.push(node.position.start.offset!)
        // The end tag's first character: its `<`.
        const end = node.position.end.offset!
        const close = source.lastIndexOf('</', end)
        if (close >= node.position.start.offset! && close < end) breaks.push(close)
      }
      // Code keeps its place on the page (a line break around a `<pre>`), not its words.
      if (isCode) return
      for (const child of node.children) visit(child as Nodes, [...ancestors, node])
      return
    }
    if ('children' in node) for (const child of node.children) visit(child as Nodes, ancestors)
  }
  visit(tree, [])

  const kept = options.extract ? extractArticle(source, elements) : undefined
  // Readability drops widgets inside the article it keeps, so a text counts only if its own element was kept.
  const visible = kept
    ? texts.filter((info) => {
        const parent = info.ancestors[info.ancestors.length - 1]
        const grandparent = info.ancestors[info.ancestors.length - 2]
        return (parent && kept.has(parent)) || (parent && !BLOCK.has(parent.tagName) && grandparent && kept.has(grandparent))
      })
    : texts

  const chars = new Array<string>(source.length).fill(' ')
  for (const offset of breaks) if (offset < source.length) chars[offset] = '\n'
  for (const info of visible) {
    // The parser joins white space after `</body>` or `</html>` to the body's
    // last text, and that text's span then covers the end tags: they are markup.
    const tags = source.slice(info.start, info.end).includes('</') ? markupIn(source, info.start, info.end) : undefined
    for (let index = info.start; index < info.end; index++) {
      if (tags?.[index - info.start]) continue
      const char = source[index]!
      // White space in HTML is folded: a line break in the source is a space on the page.
      chars[index] = /\s/.test(char) ? ' ' : char
    }
  }

  const proseEnd = (element: Element) => element.position!.end.offset!

  return {
    text: chars.join(''),
    toSource(edit: Edit) {
      const touched = visible.filter((info) => info.start < edit.end && edit.start < info.end && hasText(source, info, edit))
      if (touched.length === 0) return undefined
      const only = touched[0]!
      if (touched.length === 1 && edit.start >= only.start && edit.end <= only.end) {
        // Inside one text node: fine, unless it cuts through a character reference ("&amp;").
        const slice = source.slice(edit.start, edit.end)
        if (!/[&;]/.test(slice) || edit.replacement === '') return edit
        return undefined
      }
      if (edit.replacement !== '') return undefined
      // A deletion: remove the largest element whose visible text lies inside the deleted span.
      let element: Element | undefined
      for (const candidate of commonAncestors(touched)) {
        if (candidate.tagName === 'body' || candidate.tagName === 'html') break
        // An element that holds code goes only with the code, which is never edited.
        const start = candidate.position!.start.offset!
        const end = proseEnd(candidate)
        if (code.some(([from, to]) => from >= start && to <= end)) break
        const inside = visible.every(
          (info) => !info.ancestors.includes(candidate) || !hasText(source, info) || (info.start >= edit.start && info.end <= edit.end) || trimmedWithin(source, info, edit)
        )
        if (!inside) break
        element = candidate
      }
      if (!element) return undefined
      return {...edit, start: element.position!.start.offset!, end: proseEnd(element), replacement: ''}
    }
  }
}

/** Which characters of `source[start..end)` are tags: text itself never holds one (parse5 would have read it as a tag). */
function markupIn(source: string, start: number, end: number): Uint8Array {
  const tags = new Uint8Array(end - start)
  for (const match of source.slice(start, end).matchAll(/<\/?[A-Za-z][^<>]*>/g)) tags.fill(1, match.index, match.index + match[0].length)
  return tags
}

/** Whether the text node has visible (non-space) characters, within `edit` if given. */
function hasText(source: string, info: TextInfo, edit?: Edit): boolean {
  const start = edit ? Math.max(edit.start, info.start) : info.start
  const end = edit ? Math.min(edit.end, info.end) : info.end
  return /\S/.test(source.slice(start, end))
}

function trimmedWithin(source: string, info: TextInfo, edit: Edit): boolean {
  const value = source.slice(info.start, info.end)
  const start = info.start + (value.length - value.trimStart().length)
  const end = info.end - (value.length - value.trimEnd().length)
  return start >= edit.start && end <= edit.end
}

/** Elements that hold every touched text node, innermost first. */
function commonAncestors(touched: TextInfo[]): Element[] {
  let common = touched[0]!.ancestors
  for (const info of touched.slice(1)) {
    let length = 0
    while (length < common.length && length < info.ancestors.length && common[length] === info.ancestors[length]) length++
    common = common.slice(0, length)
  }
  return [...common].reverse()
}

/**
 * The elements Readability keeps as the article. Every element of the
 * source gets an id attribute before Readability sees the page, so what it
 * returns can be traced back to positions in the file.
 */
function extractArticle(source: string, elements: Element[]): Set<Element> | undefined {
  const byId = new Map<string, Element>()
  const insertions: Array<[number, string]> = []
  elements.forEach((element, index) => {
    const start = element.position!.start.offset!
    // Only elements written in the source (not ones the parser implied) have a start tag to annotate.
    if (source.charAt(start) !== '<' || source.slice(start + 1, start + 1 + element.tagName.length).toLowerCase() !== element.tagName) return
    byId.set(String(index), element)
    insertions.push([start + 1 + element.tagName.length, ` ${ID}="${index}"`])
  })
  let annotated = ''
  let last = 0
  for (const [offset, text] of insertions) {
    annotated += source.slice(last, offset) + text
    last = offset
  }
  annotated += source.slice(last)
  const {parseHTML, Readability} = load()
  const {document} = parseHTML(annotated)
  const article = new Readability(document as never, {keepClasses: true}).parse()
  if (!article?.content) return undefined
  const {document: content} = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`)
  const kept = new Set<Element>()
  for (const node of content.querySelectorAll(`[${ID}]`)) {
    const element = byId.get(node.getAttribute(ID) ?? '')
    if (element) kept.add(element)
  }
  return kept.size > 0 ? kept : undefined
}

/**
 * The HTML parsers, loaded when the first HTML page is read: they are most
 * of what the CLI would otherwise load at every start, for text it never sees.
 */
const load = lazy((require) => ({
  fromHtml: (require('hast-util-from-html') as typeof FromHtml).fromHtml,
  parseHTML: (require('linkedom') as typeof Linkedom).parseHTML,
  Readability: (require('@mozilla/readability') as typeof ReadabilityModule).Readability
}))
