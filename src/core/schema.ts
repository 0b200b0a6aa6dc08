/**
 * JSON schema validation (ajv), shared by rule files, configuration and the
 * review workflow. Ajv is loaded, and a schema compiled, the first time
 * something is validated: with every rule file served from the cache, a run
 * of the CLI never pays for either.
 */
import {lazy} from './lazy.js'
import type * as AjvModule from 'ajv'

export type {ErrorObject, ValidateFunction} from 'ajv'

const ajv = lazy((require) => {
  const {Ajv} = require('ajv') as typeof AjvModule
  return new Ajv({allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true})
})
const compiled = new WeakMap<object, AjvModule.ValidateFunction>()

export function validator(schema: object): AjvModule.ValidateFunction {
  let found = compiled.get(schema)
  if (!found) {
    found = ajv().compile(schema)
    compiled.set(schema, found)
  }
  return found
}
