/**
 * Which lines of a scraped page are furniture rather than article. The
 * classifier works like jusText, on text instead of HTML: every line is
 * measured (length, share of function words, sentence punctuation,
 * capitalisation), lines that match a keyword list or a structural pattern
 * (breadcrumbs, date headers, credits) are furniture outright, lines of
 * running prose are article, and what is left is decided by where it sits:
 * above the headline, inside the body, or after the last paragraph.
 *
 * Precision first: a line inside the article body is only removed on
 * explicit evidence, and the headline, subheads, datelines, quotes and short
 * paragraphs are never guessed away.
 */
import {screenedPattern} from '../core/pattern.js'
import type {Keywords, KeywordList} from './keywords.js'
import {splitLines, type Line} from './lines.js'
import {wrapWidth} from '../core/wrap.js'

export interface Furniture {
  /** Rule within the family: a keyword list id or a structural kind. */
  rule: string
  /** What the message calls it ("ad label", "breadcrumb"). */
  label: string
  start: number
  end: number
  confidence: number
  note?: string
}

export interface LineInfo {
  line: Line
  /** Line of article prose. */
  good: boolean
  /** The finding proposed for this line, if any. */
  furniture?: Furniture
  /** One of the document's own headings ("Abstract", "2. Methods"): never furniture by its place. */
  heading?: boolean
}

type Region = 'header' | 'body' | 'footer' | 'none'

/** Separators of breadcrumb trails; `/` and `-` only count after "Home". */
const BREADCRUMB_SEPARATOR = /\s(?:»|›|>|\||▸|→|::)\s/gu
const HOME_TRAIL = /^\s*(?:home|start|startseite|homepage)\s*(?:»|›|>|\||▸|\/|→|::|-)\s*\S/iu

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?'
const DATE_SOURCE = [
  '\\b\\d{4}-\\d{1,2}-\\d{1,2}\\b',
  // One separator throughout: "3.75/80" is a money-market quote, not a date.
  '\\b\\d{1,2}/\\d{1,2}/(?:\\d{4}|\\d{2})\\b',
  '\\b\\d{1,2}\\.\\d{1,2}\\.(?:\\d{4}|\\d{2})\\b',
  `\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b`,
  `\\b\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}\\s+\\d{4}\\b`,
  // A stamp, not a sentence: no words between the verb and the time ("China posted a deficit of 7.08").
  '\\b(?:updated|published|posted|last updated|modified)\\b(?:\\s*(?:on|at)\\b)?[^\\p{Ll}]{0,40}?\\b\\d{1,2}[:.]\\d{2}\\b',
  '\\b\\d+\\s+(?:minutes?|mins?|hours?|hrs?|days?)\\s+ago\\b'
].join('|')
const DATE = new RegExp(DATE_SOURCE, 'iu')
/** `DATE.test`, screened by the pattern without its word boundaries (see core/pattern.ts). */
const IS_DATE = screenedPattern(DATE_SOURCE, 'iu')
/**
 * Every form of `DATE` has an ASCII digit: a line without one is not tested
 * (a case-insensitive Unicode pattern of many forms tries each of a line's
 * places, and most short lines of a page have no digit).
 */
const HAS_DIGIT = /[0-9]/
const DATE_WORDS = /^(?:updated|published|posted|last updated|modified|date|on)\b/iu
const BYLINE = /^\s*(?:by|von|door|par|por)\s+\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|van|von|de|der|den|la|le|da|di|and|&|,))*\s*(?:[,|–—-]\s*.{0,60})?$/u
/** Author or agency initials closing an article: "… on this. (do)". */
const AUTHOR_TAG = /([.!?…”"’)])(\s+\((?:[\p{Ll}]{1,4}|[\p{Lu}]{2,5}|[\p{Ll}]{1,4}\/[\p{Ll}]{1,4}|[\p{Lu}]{2,5}\/[\p{Lu}\p{Ll}]{1,5})\))\s*$/u
/** Lower-case words and commas only; a leading dash or bullet makes it a list item. */
const TAG_LINE = /^[\p{Ll}\p{N}][\p{Ll}\p{N}\s,]*$/u

export interface ClassifyOptions {
  keywords: Keywords
  /**
   * Offsets (in order) of lines the document's format marks as its own
   * structure (Markdown's headings and table rows): never furniture by
   * their place, shape or repetition across files, though still by what
   * they say ("Related stories", "Share this").
   */
  structure?: readonly number[]
}

/** Classify every line; return what should go. */
export function classify(text: string, options: ClassifyOptions): {lines: LineInfo[]; furniture: Furniture[]} {
  const lines = splitLines(text, {joinWrapped: true})
  const content: LineInfo[] = []
  for (const line of lines) {
    if (line.blank) continue
    content.push({line, good: false})
  }

  // 1. Evidence of each line by itself.
  const hits = content.map((info) => ({
    keyword: options.keywords.match(info.line.text, info.line.words, info.line.sentence),
    structure: structure(info.line)
  }))
  // The document's own structure, furniture only by what it says: what the
  // format marks (Markdown's headings and table rows), and tables in plain
  // text (bars at the same columns on lines of one block; a breadcrumb
  // trail is one line).
  const marked = new Set<LineInfo>(tableRows(content).map((index) => content[index]!))
  for (const index of figureTables(content, hits)) marked.add(content[index]!)
  for (const index of markdownLines(content)) marked.add(content[index]!)
  if (options.structure && options.structure.length > 0) {
    const offsets = options.structure
    let next = 0
    for (const info of content) {
      while (next < offsets.length && offsets[next]! < info.line.start) next++
      if (next < offsets.length && offsets[next]! < info.line.next) marked.add(info)
    }
  }
  content.forEach((info, index) => {
    const hit = hits[index]!
    if (marked.has(info)) hit.structure = undefined
    info.good = !hit.keyword && !hit.structure && isProse(info.line)
  })
  const firstGood = content.findIndex((info) => info.good)
  let lastGood = -1
  for (let index = content.length - 1; index >= 0; index--) {
    if (content[index]!.good) {
      lastGood = index
      break
    }
  }
  const regionOf = (index: number): Region =>
    firstGood === -1 ? 'none' : index < firstGood ? 'header' : index > lastGood ? 'footer' : 'body'

  // 2. Keyword and structural evidence, weighed by region.
  content.forEach((info, index) => {
    const hit = hits[index]!
    const region = regionOf(index)
    if (hit.keyword) {
      info.furniture = keywordFurniture(info.line, hit.keyword.list, region, hit.keyword.how, isProse(info.line))
    } else if (hit.structure) {
      const confidence = region === 'body' ? hit.structure.inBody : hit.structure.confidence
      info.furniture = lineFurniture(info.line, hit.structure.rule, hit.structure.label, confidence)
    }
  })

  // 3. Lines with no evidence of their own: navigation above the headline,
  //    teaser lists and widget leftovers after the article. A section
  //    heading is the document's, wherever it sits.
  content.forEach((info, index) => {
    if (info.furniture || info.good) return
    if (marked.has(info)) {
      info.heading = true
      return
    }
    if (info.line.words > 8) return
    const shape = options.keywords.structureOf(info.line.text)
    // A numbered line is a heading when prose follows it, not another item of a list.
    if (shape === 'line' || (shape === 'pattern' && content[index + 1]?.good)) info.heading = true
  })
  if (firstGood > 0) header(content, firstGood, wrapWidth(text) > 0)
  if (lastGood !== -1 && lastGood < content.length - 1) footer(content, lastGood)

  // 4. Neighbours: a short line wedged between two pieces of furniture is furniture too.
  content.forEach((info, index) => {
    if (info.furniture || info.good || info.heading || regionOf(index) === 'body') return
    const before = content[index - 1]?.furniture
    const after = content[index + 1]?.furniture
    if (before && after && isNavLike(info.line)) {
      info.furniture = lineFurniture(info.line, 'navigation', 'navigation', 0.8)
    }
  })

  // 5. An author tag closing the article.
  const furniture: Furniture[] = []
  for (const info of content) if (info.furniture) furniture.push(spanOf(info, lines))
  const last = content[content.length - 1]
  if (last && !last.furniture) {
    const tag = AUTHOR_TAG.exec(last.line.text)
    if (tag) {
      const start = last.line.start + tag.index + tag[1]!.length
      const lower = /\(\p{Ll}/u.test(tag[2]!)
      furniture.push({
        rule: 'author-tag',
        label: 'author tag',
        start,
        end: start + tag[2]!.length,
        confidence: lower ? 0.88 : 0.8,
        note: 'Initials of the author or agency that closed the article on the page.'
      })
    }
  }
  return {lines: content, furniture}
}

/** Running prose: enough words, enough function words. */
export function isProse(line: Line): boolean {
  // Title case without a full stop is a headline, however long.
  if (!line.sentence && line.capShare >= 0.6 && line.words < 25) return false
  if (line.words >= 12 && line.stopShare >= 0.2) return true
  return line.words >= 7 && line.sentence && line.stopShare >= 0.25
}

/** Short or menu-like: the shape of navigation items. */
function isNavLike(line: Line): boolean {
  if (line.sentence) return false
  if (line.words <= 3) return true
  return line.words <= 8 && line.stopShare === 0 && line.capShare >= 0.99
}

interface Structure {
  rule: string
  label: string
  confidence: number
  inBody: number
}

/**
 * Whether a line with separators reads as a trail of links: each step before
 * the last a few words (the last may be the article's own headline), and no
 * code. A quoted reply ("> > processes, where > you..."), a shell pipeline
 * ("cat in.fifo ) | nc myproxy 3128 | (read ; read") or a table row of
 * prose has empty, long or coded steps between its separators. A trail may
 * start with a separator of its own ("» Home » News"), but not with a
 * reply's ">" or a table's "|".
 */
function isTrail(text: string): boolean {
  const steps = text.trim().replace(/^(?:»|›|▸|→)\s*/u, '').split(/\s*(?:»|›|>|\||▸|→|::|\/|-)\s/u)
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index]!
    if (/[;=`$]/.test(step)) return false
    if (index === steps.length - 1) break
    const words = step.match(/[\p{L}\p{N}]+(?:['’.&-][\p{L}\p{N}]+)*/gu)?.length ?? 0
    if (words === 0 || words > 5) return false
  }
  return true
}

function structure(line: Line): Structure | undefined {
  const text = line.text
  // A breadcrumb never ends like a sentence: don't scan the article's paragraphs for separators.
  const separators = line.sentence ? 0 : text.match(BREADCRUMB_SEPARATOR)?.length ?? 0
  if (!line.sentence && (separators >= 2 || HOME_TRAIL.test(text)) && isTrail(text)) {
    return {rule: 'breadcrumb', label: 'breadcrumb', confidence: 0.95, inBody: 0.8}
  }
  if (line.words <= 10 && !line.sentence && HAS_DIGIT.test(text) && IS_DATE.test(text)) {
    // A line that is a date, or a date and a section name, is a page header.
    const rest = text.replace(DATE, ' ').replace(/[\p{P}\p{S}\d]+/gu, ' ').trim()
    const restWords = rest ? rest.split(/\s+/).length : 0
    if (restWords <= 6 || DATE_WORDS.test(text.trim())) {
      return {rule: 'date-header', label: 'date header', confidence: 0.9, inBody: 0.7}
    }
  }
  if (line.words >= 2 && line.words <= 12 && !line.sentence && BYLINE.test(text)) {
    return {rule: 'byline', label: 'byline', confidence: 0.75, inBody: 0.6}
  }
  if (line.words >= 3 && line.words <= 10 && line.stopShare === 0 && TAG_LINE.test(text) && /\p{Ll}/u.test(text)) {
    // Image alt text and tag lists come out as lower-case word runs.
    return {rule: 'tags', label: 'tag line', confidence: 0.85, inBody: 0.75}
  }
  return undefined
}

/**
 * A number as tables print it: a decimal or one with thousands separators
 * ("1.87", "9,100", "(30.1503)", "6,536,008"); plain integers are as often
 * a page's pagination or a headline's count.
 */
const FIGURE = /(?:^|[\s(])[-+]?\d{1,3}(?:,\d{3})*\.\d+\b|(?:^|[\s(])\d{1,3}(?:,\d{3})+\b/g
/** Columns: a run of spaces between two of a line's tokens (indentation aside). */
const COLUMNS = /\S {2,}\S/

/**
 * Indices in `content` of lines of figure tables: the short lines of a
 * block (lines with no blank line between) where at least a third of them
 * are rows of figures, with the block's captions and column headings. A
 * wire story's table of prices or a company's results ("Shr 3.64 dlrs vs
 * 3.16 dlrs") is the document's data: short lines without a full stop, the
 * shape of a teaser list, but never furniture by their shape or place. A
 * row is one with two figures, or two numbers in columns, and no evidence
 * of its own (a date line stays a date line). Paragraphs, which a wire
 * story writes in the same block as its tables, are neither.
 */
function figureTables(content: readonly LineInfo[], hits: ReadonlyArray<{keyword: unknown; structure: unknown}>): number[] {
  const rows: number[] = []
  let start = 0
  for (let index = 1; index <= content.length; index++) {
    if (index < content.length && content[index]!.line.index === content[index - 1]!.line.index + 1) continue
    const short: number[] = []
    let figures = 0
    let first = -1
    let last = -1
    for (let row = start; row < index; row++) {
      const {line} = content[row]!
      if (line.words > TABLE_ROW || hits[row]!.keyword || isProse(line)) continue
      short.push(row)
      if (!hits[row]!.structure && isFigureRow(line.text)) {
        figures++
        if (first === -1) first = row
        last = row
      }
    }
    // A date between a table's rows is its heading ("Year ended October 31, 1986"); above or below them, a page's.
    if (figures >= 2 && figures * 3 >= short.length) {
      for (let k = 0; k < short.length; k++) {
        const row = short[k]!
        if (!hits[row]!.structure || (row > first && row < last)) rows.push(row)
      }
    }
    start = index
  }
  return rows
}

/** The most words a table's row has; a longer line is not searched for figures. */
const TABLE_ROW = 20

function isFigureRow(text: string): boolean {
  if (!HAS_DIGIT.test(text)) return false
  const figures = text.match(FIGURE)?.length ?? 0
  if (figures >= 2) return true
  return COLUMNS.test(text.trim()) && (text.match(/\d+/g)?.length ?? 0) >= 2
}

/**
 * Indices in `content` of Markdown's own structure in a text read as plain
 * text (a README saved as .txt): fenced code blocks, fences included, and
 * link reference definitions ("[license]: https://…", which Markdown never
 * shows). Documents of one form repeat these across a corpus ("```", "});",
 * "[build-badge]: …"), and as short lines they have the shape of navigation
 * and teasers. Where the text has either, it is a Markdown document, and its
 * ATX headings ("## Install") are its own too; a scraper's Markdown output
 * usually has neither (html2text's reference links are an exception), and
 * keeps its site's repeated headings ("## Most read") as furniture. A fence
 * that is never closed marks nothing: a stray "```" in scraped prose is not a
 * code block. (Markdown files are parsed as Markdown, and their code never
 * reaches the lines.)
 */
function markdownLines(content: readonly LineInfo[]): number[] {
  const rows: number[] = []
  const headings: number[] = []
  let open: {at: number; fence: string} | undefined
  for (let index = 0; index < content.length; index++) {
    const text = content[index]!.line.text
    const fence = FENCE.exec(text)
    if (open) {
      // A closing fence: at least as many backticks, nothing after them.
      if (fence && fence[1]!.length >= open.fence.length && fence[2]!.trim() === '') {
        for (let row = open.at; row <= index; row++) rows.push(row)
        open = undefined
      }
      // Never closed: a stray fence, and the lines after it are read again as lines.
      else if (index === content.length - 1) {
        index = open.at
        open = undefined
      }
      continue
    }
    if (fence && !fence[2]!.includes('`') && index < content.length - 1) open = {at: index, fence: fence[1]!}
    else if (LINK_DEFINITION.test(text)) rows.push(index)
    else if (ATX_HEADING.test(text)) headings.push(index)
  }
  return rows.length > 0 ? rows.concat(headings) : rows
}

/**
 * An opening or closing code fence of backticks (up to three spaces in),
 * and what follows it (an info string such as `js`). Not of tildes, which
 * Markdown allows too: a line of tildes is a divider in e-mail, newsletters
 * and fiction far more often than a fence in a text read as plain text.
 */
const FENCE = /^ {0,3}(`{3,})(.*)$/
const ATX_HEADING = /^ {0,3}#{1,6}[ \t]+\S/
const LINK_DEFINITION = /^ {0,3}\[[^\]\n]+\]:[ \t]*<?(?:[a-z][a-z0-9+.-]*:|[#./])\S*>?(?:[ \t]+["'(].*)?$/i

/** Indices in `content` of rows of plain-text tables: lines of one block (no blank line between) with bars at the same columns. */
function tableRows(content: readonly LineInfo[]): number[] {
  const rows: number[] = []
  let start = 0
  for (let index = 1; index <= content.length; index++) {
    if (index < content.length && content[index]!.line.index === content[index - 1]!.line.index + 1) continue
    // content[start..index) is one block.
    const seen = new Map<number, number>()
    const barred: number[] = []
    for (let row = start; row < index; row++) {
      const text = content[row]!.line.text
      if (!text.includes('|')) continue
      barred.push(row)
      for (let column = text.indexOf('|'); column !== -1; column = text.indexOf('|', column + 1)) seen.set(column, (seen.get(column) ?? 0) + 1)
    }
    // Two columns shared, or one shared by three rows: two trails of links may share one by chance.
    const counts = [...seen.values()]
    if (counts.filter((count) => count >= 2).length >= 2 || counts.some((count) => count >= 3)) rows.push(...barred)
    start = index
  }
  return rows
}

function keywordFurniture(line: Line, list: KeywordList, region: Region, how: string, prose: boolean): Furniture {
  let confidence = region === 'body' ? list.inBody : list.confidence
  // A pattern can fire inside a real sentence; prose-shaped lines keep some doubt.
  if (how === 'pattern' && prose) confidence *= 0.85
  return lineFurniture(line, list.id, list.label, confidence, list.note)
}

function lineFurniture(line: Line, rule: string, label: string, confidence: number, note?: string): Furniture {
  return {rule, label, start: line.start, end: line.end, confidence, note}
}

/**
 * Above the first paragraph: keep the headline block (the lines just above
 * the body, up to the first navigation-shaped line); above that, short
 * lines are navigation and section labels.
 */
function header(content: LineInfo[], firstGood: number, wrapped: boolean) {
  let index = firstGood - 1
  // Lines with evidence of their own (dates, bylines) may sit between headline and body.
  while (index >= 0 && content[index]!.furniture) index--
  if (index < 0) return
  // In hard-wrapped text, lines with no blank line between them and the body are the body's:
  // its first paragraph's opening, cut short ("The United Auto Workers and American"), or a
  // paragraph too short of function words to count as prose.
  if (wrapped) while (index >= 0 && content[index]!.line.index + 1 === content[index + 1]!.line.index) index--
  if (index < 0) return
  // The line just above the body is the headline (or dek), whatever its shape.
  index--
  while (index >= 0 && (content[index]!.furniture || !isNavLike(content[index]!.line))) {
    index--
  }
  for (; index >= 0; index--) {
    const info = content[index]!
    if (info.furniture || info.heading) continue
    const nav = isNavLike(info.line)
    const neighbour = content[index - 1]
    const run = nav && neighbour !== undefined && (isNavLike(neighbour.line) || neighbour.furniture !== undefined)
    const confidence = nav ? (run ? 0.85 : 0.7) : 0.55
    info.furniture = lineFurniture(info.line, 'navigation', 'navigation', confidence)
  }
}

/**
 * After the last paragraph: runs of short lines are link lists and teasers;
 * anything after a comment or newsletter widget belongs to the widget.
 */
function footer(content: LineInfo[], lastGood: number) {
  let widget = false
  for (let index = lastGood + 1; index < content.length; index++) {
    const info = content[index]!
    if (info.furniture) {
      if (/^(?:comments|newsletter|footer|share)$/.test(info.furniture.rule)) widget = true
      continue
    }
    if (info.heading) continue
    const nav = isNavLike(info.line)
    const teaser = !info.line.sentence && info.line.words <= 15
    const prev = content[index - 1]
    const next = content[index + 1]
    const runs = (other: LineInfo | undefined) =>
      other !== undefined && other !== content[lastGood] && (other.furniture !== undefined || (!other.line.sentence && other.line.words <= 15))
    if (widget && !info.good) {
      info.furniture = lineFurniture(info.line, 'navigation', 'page footer', 0.85)
    } else if (nav && (runs(prev) || runs(next))) {
      info.furniture = lineFurniture(info.line, 'navigation', 'link list', 0.8)
    } else if (teaser && runs(prev) && runs(next)) {
      info.furniture = lineFurniture(info.line, 'teaser', 'teaser', 0.7)
    } else if (nav && index === content.length - 1) {
      info.furniture = lineFurniture(info.line, 'navigation', 'page footer', 0.5)
    }
  }
}

/**
 * A whole line goes with its line break and the blank lines after it, so
 * deleting it leaves the paragraph spacing as it was; spans of adjacent
 * lines touch without overlapping.
 */
function spanOf(info: LineInfo, lines: Line[]): Furniture {
  const furniture = info.furniture!
  let end = info.line.next
  let index = info.line.index + 1
  while (index < lines.length && lines[index]!.blank && lines[index]!.next > lines[index]!.start) {
    end = lines[index]!.next
    index++
  }
  if (index >= lines.length) {
    // Nothing follows: take the trailing blank lines too.
    end = lines[lines.length - 1]!.end
  }
  return {...furniture, start: info.line.start, end}
}
