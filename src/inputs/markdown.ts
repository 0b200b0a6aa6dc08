/**
 * Markdown: parse with remark's parser (mdast-util-from-markdown, with
 * front matter and GitHub's extensions: tables, strikethrough, task lists,
 * footnotes, bare links) and keep only the characters of prose text nodes; the
 * rest becomes spaces, line breaks stay. Offsets into the result are
 * offsets into the file.
 */
import {lazy} from '../core/lazy.js'
import type * as FromMarkdown from 'mdast-util-from-markdown'
import type * as Frontmatter from 'mdast-util-frontmatter'
import type * as FrontmatterSyntax from 'micromark-extension-frontmatter'
import type * as Gfm from 'mdast-util-gfm'
import type * as GfmSyntax from 'micromark-extension-gfm'
import type {Nodes, Root} from 'mdast'
import type {Edit} from '../core/edits.js'
import type {Mapped} from './index.js'

/** Bare URLs and e-mail addresses inside prose are not prose. */
const URLISH = /\b(?:https?:\/\/|www\.)[^\s<>()]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g

export function markdown(source: string): Mapped {
  const {fromMarkdown, options} = load()
  const tree = fromMarkdown(source, options) as Root
  const prose: Array<[number, number]> = []
  /** Where each heading's and table row's text starts: the document's own structure. */
  const structure: number[] = []
  /** URLs and images: kept unless their whole line goes. */
  const protectedRanges: Array<[number, number]> = []
  /** Code, HTML, front matter, definitions: never edited. */
  const hard: Array<[number, number]> = []

  const visit = (node: Nodes) => {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined) return
    switch (node.type) {
      case 'text': {
        let last = start
        const value = source.slice(start, end)
        for (const match of value.matchAll(URLISH)) {
          prose.push([last, start + match.index])
          protectedRanges.push([start + match.index, start + match.index + match[0].length])
          last = start + match.index + match[0].length
        }
        prose.push([last, end])
        return
      }
      case 'code':
      case 'inlineCode':
      case 'html':
      case 'yaml':
      case 'definition':
        hard.push([start, end])
        return
      case 'image':
      case 'imageReference':
        protectedRanges.push([start, end])
        return
      default:
        if (node.type === ('toml' as string)) {
          hard.push([start, end])
          return
        }
    }
    if ((node.type === 'link' || node.type === 'linkReference') && 'children' in node) {
      const children = node.children as Nodes[]
      const lastChild = children[children.length - 1]
      const text = children.length === 1 && lastChild?.type === 'text' ? lastChild.value : undefined
      // An autolink's text is its URL.
      if (node.type === 'link' && text !== undefined && (text === node.url || `mailto:${text}` === node.url)) {
        protectedRanges.push([start, end])
        return
      }
      const after = lastChild?.position?.end.offset ?? start
      protectedRanges.push([after, end])
      if (children[0]?.position?.start.offset !== undefined) protectedRanges.push([start, children[0].position.start.offset])
    }
    if (node.type === 'heading' || node.type === 'tableRow') {
      const first = node.children[0]?.position?.start.offset
      if (first !== undefined) structure.push(first)
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child)
  }
  visit(tree)

  const chars = new Array<string>(source.length)
  for (let index = 0; index < source.length; index++) {
    const char = source[index]!
    chars[index] = char === '\n' || char === '\r' ? char : ' '
  }
  const isProse = new Uint8Array(source.length)
  for (const [start, end] of prose) {
    for (let index = start; index < end; index++) {
      const char = source[index]!
      // A soft line break inside a paragraph is a line break in the text too.
      chars[index] = char
      isProse[index] = 1
    }
  }
  const isProtected = new Uint8Array(source.length)
  for (const [start, end] of protectedRanges) isProtected.fill(1, start, end)
  for (const [start, end] of hard) isProtected.fill(2, start, end)

  return {
    text: chars.join(''),
    // In order: the tree is visited in document order.
    structure,
    toSource(edit: Edit) {
      if (edit.replacement === '') {
        // A deleted line takes the blank-looking lines after it; code and front matter only look blank.
        let end = edit.end
        for (let index = edit.start; index < edit.end; index++) {
          if (isProtected[index] === 2) {
            end = source.lastIndexOf('\n', index - 1) + 1
            break
          }
        }
        if (end <= edit.start) return undefined
        edit = {...edit, end}
      }
      let markup = false
      for (let index = edit.start; index < edit.end; index++) {
        if (isProtected[index] === 2) return undefined
        if (!isProse[index] && !/\s/.test(source[index]!)) markup = true
      }
      if (!markup) return edit
      // Markup may go only with the whole lines it marks up ("- Share this", "## Related").
      const lineStart = edit.start === 0 || source[edit.start - 1] === '\n'
      const lineEnd = edit.end === source.length || source[edit.end - 1] === '\n'
      return edit.replacement === '' && lineStart && lineEnd ? edit : undefined
    }
  }
}

/**
 * The Markdown parser and its extensions, loaded and built when the first
 * Markdown file is read (not at every start of the CLI), once. GitHub's
 * tables above all: without them a table row is one line of text with bars
 * in it, which reads like a site's breadcrumb.
 */
const load = lazy((require) => {
  const {frontmatterFromMarkdown} = require('mdast-util-frontmatter') as typeof Frontmatter
  const {frontmatter} = require('micromark-extension-frontmatter') as typeof FrontmatterSyntax
  const {gfm} = require('micromark-extension-gfm') as typeof GfmSyntax
  const {gfmFromMarkdown} = require('mdast-util-gfm') as typeof Gfm
  return {
    fromMarkdown: (require('mdast-util-from-markdown') as typeof FromMarkdown).fromMarkdown,
    options: {
      extensions: [frontmatter(['yaml', 'toml']), gfm()],
      mdastExtensions: [frontmatterFromMarkdown(['yaml', 'toml']), gfmFromMarkdown()]
    }
  }
})
