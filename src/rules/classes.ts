/**
 * Word classes (`@det`, `@prep`, …) that rule conditions refer to.
 */
import {readYamlFile} from './yaml.js'

export type Classes = Map<string, Set<string>>

const schema = {
  type: 'object',
  required: ['classes'],
  additionalProperties: false,
  properties: {
    classes: {
      type: 'object',
      additionalProperties: {type: 'array', items: {type: 'string', minLength: 1}}
    }
  }
} as const

export function loadClasses(path: string): Classes {
  const {data} = readYamlFile<{classes: Record<string, string[]>}>(path, schema)
  const classes: Classes = new Map()
  for (const [name, words] of Object.entries(data.classes)) {
    classes.set(name, new Set(words.map((word) => word.toLowerCase())))
  }
  return classes
}
