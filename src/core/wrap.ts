/**
 * Hard-wrapped prose (e-mail, Markdown, plain-text books and manuals)
 * breaks its lines mid-sentence. Scraped pages put a paragraph on a line
 * and end every other element (menu item, caption, headline) with a line
 * break, so unspin reads a line break as the end of a sentence and of a
 * line of the page; these tell where it is only the wrapping of a sentence.
 */

import {memoizeLast} from './memo.js'

/** Lines at least this long, and this share of a wrapped text's width, can end mid-sentence. */
export const WRAPPED_LINE = 40
export const WRAPPED_SHARE = 0.6


/**
 * The width a text is hard-wrapped at, or 0 if it is not: nearly all lines
 * are at most about 100 characters, and most long lines that run into
 * another line end without a terminal mark. Asked by the parser and then by
 * the boilerplate family of the same text: worked out once.
 */
export const wrapWidth = memoizeLast(measureWrapWidth)

function measureWrapWidth(text: string): number {
  const lengths: number[] = []
  const runOn: boolean[] = []
  let start = 0
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    const length = (end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end) - start
    lengths.push(length)
    runOn.push(!endsSentence(text, start, start + length))
    start = end + 1
  }
  const sorted = lengths.filter((length) => length > 0).sort((a, b) => a - b)
  if (sorted.length < 3) return 0
  const width = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!
  if (width < WRAPPED_LINE || width > 110) return 0
  let long = 0
  let wrapped = 0
  for (let index = 0; index + 1 < lengths.length; index++) {
    if (lengths[index]! < width * WRAPPED_SHARE || lengths[index + 1] === 0) continue
    long++
    if (runOn[index]) wrapped++
  }
  return wrapped >= 2 && wrapped * 2 >= long ? width : 0
}

/**
 * Whether the line `text[lineStart..lineEnd)`, followed by one line break
 * and the next line's text at `next`, runs on into that line: it is long
 * prose (no column spacing) with no terminal mark at its end, and the next
 * line goes on with a word. In a wrapped text (`width` > 0) that is enough;
 * elsewhere the next line must also go on in lower case ("... the bill
 * was\npassed"), since a headline or a caption lacks a full stop too.
 */
export function runsOn(text: string, lineStart: number, lineEnd: number, next: number, width: number): boolean {
  if (lineEnd - lineStart < Math.max(WRAPPED_LINE, width * WRAPPED_SHARE) || endsSentence(text, lineStart, lineEnd)) return false
  if (!goesOn(text, next, width > 0)) return false
  // Aligned columns (a plain-text table) are not prose; two spaces after a
  // full stop are a typist's sentence spacing. Searched natively in the
  // line (and the character after it, where a pair of spaces may end): this
  // is asked of nearly every line of a wrapped text.
  let index = lineStart
  while (index < lineEnd && text.charCodeAt(index) <= 32) index++
  const line = text.slice(index, lineEnd + 1)
  const tab = line.indexOf('\t')
  if (tab !== -1 && index + tab < lineEnd) return false
  for (let pair = line.indexOf('  '); pair !== -1 && index + pair < lineEnd; pair = line.indexOf('  ', pair + 1)) {
    if (!endsSentence(text, lineStart, index + pair)) return false
  }
  return true
}

/** Whether the text at `at` goes on with a lower-case letter, or (`loosely`) with any letter, digit or opening quote. */
function goesOn(text: string, at: number, loosely: boolean): boolean {
  if (at >= text.length) return false
  const code = text.charCodeAt(at)
  // ASCII without a pattern: nearly every line starts so.
  if (code >= 97 && code <= 122) return true
  if (code < 128) return loosely && ((code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 34 || code === 39)
  const first = String.fromCodePoint(text.codePointAt(at)!)
  return /^\p{Ll}/u.test(first) || (loosely && /^[\p{L}\p{N}“‘"']/u.test(first))
}

/** Whether `text[start..end)` ends a sentence (trailing white space and CR aside); an empty stretch does. */
export function endsSentence(text: string, start: number, end: number): boolean {
  let index = end - 1
  while (index >= start && (text.charCodeAt(index) === 32 || text.charCodeAt(index) === 9 || text.charCodeAt(index) === 13)) index--
  while (index >= start && isCloser(text.charCodeAt(index))) index--
  return index < start || isTerminal(text.charCodeAt(index))
}

// A terminal mark, perhaps inside closing quotes or brackets, ends a
// sentence (a colon may run on: "Photo:\nTom Reedy"). By code, not by
// pattern: this is asked of every line of every text.

/** ” ’ " ' ) ] » */
export function isCloser(code: number): boolean {
  return code === 0x201d || code === 0x2019 || code === 34 || code === 39 || code === 41 || code === 93 || code === 0xbb
}

/** . ? ! … */
export function isTerminal(code: number): boolean {
  return code === 46 || code === 63 || code === 33 || code === 0x2026
}
