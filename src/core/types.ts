/**
 * The vocabulary every part of unspin shares: families, findings and the
 * message fields reporters rely on.
 */
import type {VFileMessage} from 'vfile-message'
import type {VFile} from 'vfile'

/** One plugin per artifact family. */
export const FAMILIES = [
  'spin',
  'spintax',
  'names',
  'boilerplate',
  'glued',
  'mojibake',
  'mt'
] as const

export type Family = (typeof FAMILIES)[number]

/**
 * What one match says about the whole document being spun, weakest first
 * (see docs/rule-format.md and core/score.ts).
 */
export const EVIDENCE = ['none', 'weak', 'moderate', 'strong', 'certain'] as const
export type Evidence = (typeof EVIDENCE)[number]

export function isFamily(value: string): value is Family {
  return (FAMILIES as readonly string[]).includes(value)
}

/**
 * What a plugin found, before it becomes a vfile message.
 * Offsets are UTF-16 code units into the file's text, end exclusive.
 */
export interface Finding {
  family: Family
  /** Rule name within the family; the message's ruleId is `family/rule`. */
  rule: string
  start: number
  end: number
  /** Text found (must equal the file text between start and end). */
  actual: string
  /** Proposed replacements, best first; `''` proposes a deletion. */
  expected: string[]
  /** Probability that the best replacement is right, 0..1. */
  confidence: number
  /** One line: "Unexpected `x`, expected `y`" style. */
  reason: string
  note?: string
  url?: string
  /** Anything else a reporter or reviewer may show (cluster ids, evidence). */
  data?: Record<string, unknown>
}

/** A vfile message as unspin emits it. */
export type UnspinMessage = VFileMessage & {
  family: Family
  confidence: number
  actual: string
  expected: string[]
  ruleId: string
  source: string
  data?: Record<string, unknown>
}

/** What unspin keeps on `file.data`. */
export interface UnspinFileData {
  /** Document-level spin score in [0, 1], set by the spin plugin. */
  spinScore?: number
  /**
   * Offsets (in order) of lines the text's format marks as its own
   * structure (Markdown's headings and table rows), set by the engine from
   * its input: the boilerplate family never takes them for furniture by
   * their place or shape.
   */
  structure?: readonly number[]
  /**
   * The whole text, where the engine checks a large one in parts (the file
   * is one part): what is judged of a document as a whole (its own
   * bracket notation, say) is judged on this.
   */
  whole?: string
  /**
   * Where `spintax` first found each different piece of template debris,
   * set before `spin` runs: evidence of a spinner for the spin score.
   */
  spintaxOffsets?: readonly number[]
  /**
   * Where `spintax` found template debris (`{a|b}`, `<word>`), as start and
   * end offsets in turn, set before `spin` runs: the words inside are the
   * debris's options, which `spintax` proposes, not prose for `spin`. Set
   * for every piece it judged debris, whether or not its message is then
   * shown (`--min-confidence`, an ignore comment).
   */
  spintaxSpans?: readonly number[]
  /** Per-family scratch space shared between plugins and corpus passes. */
  [key: string]: unknown
}

/**
 * A stage that needs every file of a run before it can report (name
 * clustering, boilerplate repeated across a corpus). The engine calls
 * `finish` once, after the per-file chain ran on all files.
 */
export interface CorpusPass {
  finish(files: VFile[]): void
}

export function isUnspinMessage(message: VFileMessage): message is UnspinMessage {
  return typeof (message as Partial<UnspinMessage>).family === 'string'
}
