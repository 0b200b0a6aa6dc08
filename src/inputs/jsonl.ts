/**
 * JSONL: one JSON object per line, the text in one string field. Each line
 * with that field is a document of its own (`file:LINE`). A fix edits the
 * field's raw JSON string in place, mapped from the decoded text, so every
 * other byte keeps its form: other fields (order, spacing, numbers as
 * written) and the rest of the field itself (its escapes, `\u00e9` or `é`).
 */
import {InputError, type TextInput} from '../core/io.js'
import {applyEdits} from '../core/edits.js'
import type {Doc, Source} from './index.js'

interface Record {
  line: number
  /** Offsets of the line in the file. */
  start: number
  /** Offsets of the field's raw JSON string in the line. */
  valueStart: number
  valueEnd: number
  text: string
}

export function jsonl(input: TextInput, field: string): Source {
  const source = input.text
  const records: Record[] = []
  // A broken record is an error of its own (`file:LINE`); the others are still checked.
  const errors: InputError[] = []
  let start = 0
  let line = 1
  while (start < source.length) {
    let end = source.indexOf('\n', start)
    if (end === -1) end = source.length
    const raw = source.slice(start, end).replace(/\r$/, '')
    if (raw.trim() !== '') {
      try {
        const record = parseRecord(raw, field, input.path, line)
        if (record) records.push({...record, line, start})
      } catch (error) {
        if (error instanceof InputError) errors.push(error)
        else throw error
      }
    }
    start = end + 1
    line++
  }
  const docs: Doc[] = records.map((record) => {
    const rawStart = record.start + record.valueStart
    let offsets: number[] | undefined
    return {
      path: `${input.path}:${record.line}`,
      text: record.text,
      // The same edit of the line's raw JSON string, escaped as JSON.
      toSource(edit) {
        offsets ??= rawOffsets(source.slice(rawStart, record.start + record.valueEnd))
        return {
          ...edit,
          start: rawStart + offsets[edit.start]!,
          end: rawStart + offsets[edit.end]!,
          replacement: JSON.stringify(edit.replacement).slice(1, -1)
        }
      }
    }
  })
  return {
    input,
    format: 'jsonl',
    docs,
    errors,
    render(edits) {
      let text = ''
      let last = 0
      let applied = 0
      let skipped = 0
      records.forEach((record, index) => {
        const result = applyEdits(record.text, edits[index] ?? [])
        applied += result.applied.length
        skipped += result.skipped.length
        if (result.text === record.text) return
        const rawStart = record.start + record.valueStart
        const raw = source.slice(rawStart, record.start + record.valueEnd)
        const offsets = rawOffsets(raw)
        const mapped = result.applied.map((edit) => ({
          start: offsets[edit.start]!,
          end: offsets[edit.end]!,
          replacement: JSON.stringify(edit.replacement).slice(1, -1)
        }))
        text += source.slice(last, rawStart) + applyEdits(raw, mapped).text
        last = record.start + record.valueEnd
      })
      text += source.slice(last)
      return {text, applied, skipped}
    }
  }
}

/**
 * For a raw JSON string literal (quotes included), the raw offset of each
 * UTF-16 unit of its decoded value, plus one for the end: where decoded
 * offset i starts in the literal. An escape (`\n`, `\u00e9`) is one unit.
 */
export function rawOffsets(literal: string): number[] {
  const offsets: number[] = []
  let index = 1
  const end = literal.length - 1
  while (index < end) {
    offsets.push(index)
    if (literal.charCodeAt(index) === 92) index += literal.charAt(index + 1) === 'u' ? 6 : 2
    else index++
  }
  offsets.push(end)
  return offsets
}

function parseRecord(raw: string, field: string, path: string, line: number) {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch (error) {
    throw new InputError(`${path}:${line}`, `invalid JSON (${(error as Error).message.replace(/\s+in JSON at position.*$/, '')})`)
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(`${path}:${line}`, 'expected a JSON object on every line')
  }
  const text = (value as {[key: string]: unknown})[field]
  if (text === undefined) return undefined
  if (typeof text !== 'string') throw new InputError(`${path}:${line}`, `field \`${field}\` is not a string`)
  const span = fieldSpan(raw, field)
  if (!span) return undefined
  return {valueStart: span[0], valueEnd: span[1], text}
}

/**
 * Where the raw value of a top-level key is in a line of JSON (the last
 * occurrence, as JSON.parse keeps the last of duplicate keys). The line is
 * known to be valid JSON, so the scanner can be simple.
 */
export function fieldSpan(raw: string, field: string): [number, number] | undefined {
  let index = skipSpace(raw, 0)
  if (raw[index] !== '{') return undefined
  index++
  let found: [number, number] | undefined
  for (;;) {
    index = skipSpace(raw, index)
    if (raw[index] === '}') return found
    const keyEnd = skipString(raw, index)
    const key = JSON.parse(raw.slice(index, keyEnd)) as string
    index = skipSpace(raw, keyEnd)
    index++ // the colon
    index = skipSpace(raw, index)
    const valueEnd = skipValue(raw, index)
    if (key === field) found = [index, valueEnd]
    index = skipSpace(raw, valueEnd)
    if (raw[index] === ',') index++
    else return found
  }
}

function skipSpace(raw: string, index: number): number {
  while (index < raw.length && /[ \t\r\n]/.test(raw[index]!)) index++
  return index
}

function skipString(raw: string, index: number): number {
  index++
  while (index < raw.length) {
    const char = raw[index]
    if (char === '\\') index += 2
    else if (char === '"') return index + 1
    else index++
  }
  return index
}

function skipValue(raw: string, index: number): number {
  const char = raw[index]
  if (char === '"') return skipString(raw, index)
  if (char === '{' || char === '[') {
    let depth = 0
    while (index < raw.length) {
      const current = raw[index]
      if (current === '"') {
        index = skipString(raw, index)
        continue
      }
      if (current === '{' || current === '[') depth++
      else if (current === '}' || current === ']') {
        depth--
        if (depth === 0) return index + 1
      }
      index++
    }
    return index
  }
  while (index < raw.length && !/[,}\]\s]/.test(raw[index]!)) index++
  return index
}
