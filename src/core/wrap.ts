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
  const first = next < text.length ? String.fromCodePoint(text.codePointAt(next)!) : ''
  if (!(/^\p{Ll}/u.test(first) || (width > 0 && /^[\p{L}\p{N}“‘"']/u.test(first)))) return false
  // Aligned columns (a plain-text table) are not prose; two spaces after a
  // full stop are a typist's sentence spacing.
  let index = lineStart
  while (index < lineEnd && text.charCodeAt(index) <= 32) index++
  for (; index < lineEnd; index++) {
    const code = text.charCodeAt(index)
    if (code === 9) return false
    if (code === 32 && text.charCodeAt(index + 1) === 32 && !endsSentence(text, lineStart, index)) return false
  }
  return true
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
