/**
 * JSON schemas for what the review workflow reads from disk (a JSON report,
 * `decisions.json`), checked where the data enters so the rest of the code
 * can trust the types.
 */
import {validator, type ErrorObject, type ValidateFunction} from '../core/schema.js'
import {InputError} from '../core/io.js'
import type {DecisionsFile, ReviewReport} from './types.js'

const offset = {type: 'integer', minimum: 0}
const nullableInteger = {type: ['integer', 'null']}

const reportSchema = {
  type: 'object',
  required: ['version', 'files'],
  properties: {
    version: {const: 1},
    files: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'messages'],
        properties: {
          path: {type: 'string', minLength: 1},
          spinScore: {type: ['number', 'null']},
          messages: {
            type: 'array',
            items: {
              type: 'object',
              required: ['ruleId', 'family', 'start', 'end', 'actual', 'expected', 'confidence', 'reason'],
              properties: {
                ruleId: {type: 'string', minLength: 1},
                family: {type: 'string', minLength: 1},
                severity: {type: ['string', 'integer']},
                line: nullableInteger,
                column: nullableInteger,
                endLine: nullableInteger,
                endColumn: nullableInteger,
                start: offset,
                end: offset,
                actual: {type: 'string'},
                expected: {type: 'array', items: {type: 'string'}},
                confidence: {type: 'number', minimum: 0, maximum: 1},
                reason: {type: 'string'},
                note: {type: 'string'},
                url: {type: 'string'},
                data: {type: 'object'}
              }
            }
          }
        }
      }
    }
  }
} as const

const decisionsSchema = {
  type: 'object',
  required: ['version', 'files'],
  properties: {
    version: {const: 1},
    files: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'sha256', 'decisions'],
        properties: {
          path: {type: 'string', minLength: 1},
          sha256: {type: 'string', pattern: '^[0-9a-f]{64}$'},
          decisions: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id', 'start', 'end', 'actual', 'replacement', 'decision'],
              properties: {
                id: {type: 'string', minLength: 1},
                start: offset,
                end: offset,
                actual: {type: 'string'},
                replacement: {type: 'string'},
                decision: {enum: ['accept', 'reject']},
                ruleId: {type: 'string'},
                confidence: {type: 'number', minimum: 0, maximum: 1}
              }
            }
          }
        }
      }
    }
  }
} as const


/** Parse and validate a JSON report; `path` names the input in errors. */
export function parseReport(text: string, path: string): ReviewReport {
  return check<ReviewReport>(validator(reportSchema), parseJson(text, path), path)
}

/** Parse and validate a decisions file; `path` names the input in errors. */
export function parseDecisions(text: string, path: string): DecisionsFile {
  const data = check<DecisionsFile>(validator(decisionsSchema), parseJson(text, path), path)
  for (const [index, file] of data.files.entries()) {
    for (const [at, entry] of file.decisions.entries()) {
      if (entry.end < entry.start) {
        throw new InputError(path, `/files/${index}/decisions/${at}: end (${entry.end}) is before start (${entry.start})`)
      }
    }
  }
  return data
}

function parseJson(text: string, path: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new InputError(path, `invalid JSON: ${(error as Error).message}`)
  }
}

function check<T>(validate: ValidateFunction, data: unknown, path: string): T {
  if (!validate(data)) throw new InputError(path, describe(validate.errors![0]!))
  return data as T
}

function describe(error: ErrorObject): string {
  const where = error.instancePath || '/'
  if (error.keyword === 'required') return `${where}: missing \`${String(error.params.missingProperty)}\``
  if (error.keyword === 'const') return `${where}: expected ${JSON.stringify(error.params.allowedValue)}`
  if (error.keyword === 'enum') {
    return `${where}: expected one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`
  }
  return `${where}: ${error.message ?? 'is invalid'}`
}
