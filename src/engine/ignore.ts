/**
 * What the user asked unspin not to report: inline comments in Markdown and
 * HTML, and paths in `.unspinignore` (gitignore syntax).
 *
 *     <!-- unspin-disable names -->        … <!-- unspin-enable names -->
 *     <!-- unspin-disable -->              … <!-- unspin-enable -->   (every family)
 *     <!-- unspin-ignore-next-line names/house-spelling -->
 *
 * A scope is a family (`names`) or a rule id (`names/house-spelling`);
 * several may be given, separated by spaces or commas; none means all.
 * A disable without an enable runs to the end of the file.
 */
import fs from 'node:fs'
import {location} from 'vfile-location'
import path from 'node:path'
import type IgnoreModule from 'ignore'
import {lazy} from '../core/lazy.js'

// Loaded with require(): imported from an ES module, a CommonJS file of 50 kB
// is first scanned for its exports, and that scanner then gets compiled by
// the optimiser at every start, competing with unspin's own code.
const loadIgnore = lazy((require) => require('ignore') as typeof IgnoreModule)

export interface Located {
  ruleId: string
  family?: string
}

/** Where a message starts: offset and line (1-based). */
export interface Place {
  offset?: number
  line?: number
}

interface Range {
  start: number
  end: number
  scopes: string[]
}

const COMMENT = /<!--\s*unspin-(disable|enable|ignore-next-line)\b([^>]*?)-->/g

/** The messages to keep after the file's inline ignore comments. */
export function keepMessages<T extends Located>(text: string, messages: readonly T[], placeOf: (message: T) => Place = defaultPlace): T[] {
  if (!text.includes('unspin-')) return [...messages]
  const ranges: Range[] = []
  const lines: Array<{line: number; scopes: string[]}> = []
  const open = new Map<string, number>() // scope ('' = all) → offset where disabled
  const located = location(text)
  COMMENT.lastIndex = 0
  for (let match = COMMENT.exec(text); match; match = COMMENT.exec(text)) {
    const kind = match[1]!
    const scopes = match[2]!.split(/[\s,]+/).filter(Boolean)
    const keys = scopes.length > 0 ? scopes : ['']
    if (kind === 'disable') {
      for (const key of keys) if (!open.has(key)) open.set(key, match.index + match[0].length)
    } else if (kind === 'enable') {
      // A bare enable closes everything that is open.
      const closing = scopes.length > 0 ? keys : [...open.keys()]
      for (const key of closing) {
        const start = open.get(key)
        if (start === undefined) continue
        ranges.push({start, end: match.index, scopes: key ? [key] : []})
        open.delete(key)
      }
    } else {
      lines.push({line: (located.toPoint(match.index + match[0].length)?.line ?? 1) + 1, scopes})
    }
  }
  for (const [key, start] of open) ranges.push({start, end: text.length, scopes: key ? [key] : []})
  return messages.filter((message) => {
    const place = placeOf(message)
    let offset = place.offset
    let line = place.line
    if (offset === undefined && line !== undefined) offset = located.toOffset({line, column: 1})
    if (line === undefined && offset !== undefined) line = located.toPoint(offset)?.line
    if (offset !== undefined && ranges.some((range) => offset! >= range.start && offset! < range.end && covers(range.scopes, message))) return false
    if (line !== undefined && lines.some((entry) => entry.line === line && covers(entry.scopes, message))) return false
    return true
  })
}

function covers(scopes: readonly string[], message: Located): boolean {
  if (scopes.length === 0) return true
  const family = message.family ?? message.ruleId.split('/')[0]
  return scopes.some((scope) => scope === message.ruleId || scope === family)
}

function defaultPlace(message: Located): Place {
  const value = message as Located & {start?: unknown; line?: unknown; place?: {start?: {offset?: number; line?: number}; offset?: number; line?: number}}
  if (typeof value.start === 'number' || typeof value.line === 'number') {
    return {offset: typeof value.start === 'number' ? value.start : undefined, line: typeof value.line === 'number' ? value.line : undefined}
  }
  const place = value.place
  if (!place) return {}
  const point = place.start ?? place
  return {offset: point.offset, line: point.line}
}

export const IGNORE_FILE = '.unspinignore'

/**
 * A filter for input paths from `.unspinignore` in `cwd` (gitignore syntax,
 * via the `ignore` package). Paths outside `cwd` are never ignored.
 */
export function pathFilter(cwd: string = process.cwd()): (file: string) => boolean {
  let text: string
  try {
    text = fs.readFileSync(path.join(cwd, IGNORE_FILE), 'utf8')
  } catch {
    return () => true
  }
  const ignore = loadIgnore()
  const matcher = ignore().add(text)
  return (file) => {
    const relative = path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/')
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return true
    return !matcher.ignores(relative)
  }
}
