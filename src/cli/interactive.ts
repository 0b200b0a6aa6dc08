/**
 * `unspin fix --interactive`: a terminal review like `git add -p`. Each
 * suggestion is shown as a coloured before/after of its line; the answer is
 * one key (y/n/a/d/q/?, or a digit for another replacement). Plain text and
 * line-by-line input when stdin is not a terminal, so it works over ssh,
 * inside `script`, and in tests.
 */
import {createInterface, emitKeypressEvents} from 'node:readline'
import type {Readable} from 'node:stream'
import pc from 'picocolors'
import type {Edit} from '../core/edits.js'
import type {UnspinMessage} from '../core/types.js'
import {toJsonMessage} from '../report/json.js'
import {buildReview} from '../review/model.js'
import type {ReviewSource, Suggestion} from '../review/types.js'

export interface InteractiveIo {
  /** Where answers come from; raw single keys when it is a TTY. */
  input: Readable & {isTTY?: boolean; setRawMode?: (mode: boolean) => unknown}
  write: (text: string) => void
  color: boolean
}

export interface InteractiveInput {
  path: string
  text: string
}

/** What the person chose for one file: the edits to apply (ids are the review ids). */
export interface InteractiveEdit extends Edit {
  id: string
  ruleId: string
}

const HELP = `y - apply this suggestion
n - do not apply this suggestion
a - apply this and every later suggestion in the file
d - skip this and every later suggestion in the file
q - quit; apply what was accepted so far, nothing more
1-9 - apply the n-th proposed replacement (when there are several)
? - print help
`

/**
 * Ask about every message, file by file; `messages[i]` are the messages of
 * `inputs[i]` (as the engine reported them). Returns the accepted edits per
 * input, in the same order, ready for `applyEdits`.
 */
export async function interactiveFix(
  inputs: readonly InteractiveInput[],
  messages: ReadonlyArray<readonly UnspinMessage[]>,
  io: InteractiveIo
): Promise<InteractiveEdit[][]> {
  const colors = pc.createColors(io.color)
  const sources: ReviewSource[] = inputs.map((input) => ({path: input.path, displayPath: input.path, text: input.text, sha256: ''}))
  const model = buildReview(
    {version: 1, files: inputs.map((input, index) => ({path: input.path, messages: (messages[index] ?? []).filter((m) => m.expected.length > 0).map(toJsonMessage)}))},
    sources
  )
  const total = model.files.reduce((sum, file) => sum + file.suggestions.length, 0)
  const keys = reader(io.input)
  const result: InteractiveEdit[][] = inputs.map(() => [])
  let seen = 0
  try {
    files: for (const [index, file] of model.files.entries()) {
      let rest: 'accept' | 'reject' | undefined
      // In reading order, like a patch; the page groups by family instead.
      for (const suggestion of [...file.suggestions].sort((a, b) => a.start - b.start || a.end - b.end)) {
        seen++
        if (rest) {
          if (rest === 'accept') result[index]!.push(edit(suggestion, 0))
          continue
        }
        io.write(show(suggestion, file.displayPath, seen, total, colors))
        for (;;) {
          const options = suggestion.expected.length > 1 ? `,1-${Math.min(9, suggestion.expected.length)}` : ''
          io.write(colors.bold(colors.blue(`(${seen}/${total}) Apply this suggestion [y,n,a,d,q${options},?]? `)))
          const key = await keys.next()
          io.write((key ?? '') + '\n')
          if (key === undefined || key === 'q') break files
          if (key === 'y') result[index]!.push(edit(suggestion, 0))
          else if (key === 'a') {
            result[index]!.push(edit(suggestion, 0))
            rest = 'accept'
          } else if (key === 'd') rest = 'reject'
          else if (/^[1-9]$/.test(key) && Number(key) <= suggestion.expected.length) {
            result[index]!.push(edit(suggestion, Number(key) - 1))
          } else if (key !== 'n') {
            io.write(colors.red(HELP))
            continue
          }
          break
        }
        io.write('\n')
      }
    }
  } finally {
    keys.close()
  }
  return result
}

function edit(suggestion: Suggestion, choice: number): InteractiveEdit {
  return {
    id: suggestion.id,
    ruleId: suggestion.ruleId,
    start: suggestion.start,
    end: suggestion.end,
    replacement: suggestion.expected[choice]!,
    confidence: suggestion.confidence
  }
}

type Colors = ReturnType<typeof pc.createColors>

/** The suggestion as a small unified diff of its context, like a `git add -p` hunk. */
export function show(s: Suggestion, file: string, index: number, total: number, colors: Colors): string {
  const lead = (s.clippedBefore ? '…' : '') + s.before
  const tail = s.after + (s.clippedAfter ? '…' : '')
  const meter = '█'.repeat(Math.round(s.confidence * 10)).padEnd(10, '░')
  const tone = s.confidence >= 0.9 ? colors.green : s.confidence >= 0.7 ? colors.yellow : colors.dim
  const lines = [
    colors.bold(`${file}:${s.line}:${s.column}`) + `  ${colors.cyan(s.ruleId)}  ` + tone(`${meter} ${s.confidence.toFixed(2)}`) + colors.dim(`  [${index}/${total}]`),
    colors.red('- ' + lead + colors.inverse(visible(s.actual)) + tail),
    colors.green('+ ' + lead + colors.inverse(visible(s.expected[0]!) || '∅') + tail)
  ]
  for (const [at, option] of s.expected.slice(1, 9).entries()) lines.push(colors.dim(`  ${at + 2}: `) + colors.green(visible(option) || '∅ (delete)'))
  lines.push(colors.dim(s.reason))
  if (s.note) lines.push(colors.dim(s.note))
  return lines.join('\n') + '\n'
}

function visible(text: string): string {
  return text.replace(/\n/g, '↵').replace(/\t/g, '⇥')
}

interface KeyReader {
  /** The next answer, lower-cased, or undefined at end of input / Ctrl-C. */
  next(): Promise<string | undefined>
  close(): void
}

/** One key at a time on a terminal; one line at a time otherwise (pipes, tests, dumb terminals). */
function reader(input: InteractiveIo['input']): KeyReader {
  if (input.isTTY && input.setRawMode) {
    emitKeypressEvents(input)
    input.setRawMode(true)
    input.resume()
    return {
      next: () =>
        new Promise((resolve) => {
          input.once('keypress', (text: string | undefined, key: {ctrl?: boolean; name?: string} | undefined) => {
            if (key?.ctrl && (key.name === 'c' || key.name === 'd')) resolve(undefined)
            else resolve((text ?? key?.name ?? '').toLowerCase())
          })
        }),
      close() {
        input.setRawMode!(false)
        input.pause()
      }
    }
  }
  const lines = createInterface({input, terminal: false})
  const iterator = lines[Symbol.asyncIterator]()
  return {
    async next() {
      const line = await iterator.next()
      return line.done ? undefined : line.value.trim().toLowerCase().slice(0, 1)
    },
    close() {
      lines.close()
    }
  }
}
