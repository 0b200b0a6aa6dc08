/**
 * Imported first by `snapshot.ts`, so that it runs before any other module
 * of the snapshot is evaluated. A snapshot can hold only what is bundled in
 * it: a module loaded from disk while it is made (through `createRequire`)
 * leaves Node.js unable to start from it. While it is made, such a load
 * therefore fails: a dependency's optional one (fdir's picomatch) falls
 * back as it does when the module is missing, and any other fails the
 * build of the snapshot with the module's name rather than every later run.
 * `snapshot.ts` puts the loader back once its work is done.
 */
import Module, {isBuiltin} from 'node:module'
import v8 from 'node:v8'

interface Loader {
  _load(request: string, ...rest: unknown[]): unknown
}

const loader = Module as unknown as Loader
const load = loader._load

if (v8.startupSnapshot.isBuildingSnapshot()) {
  loader._load = function (request: string, ...rest: unknown[]) {
    if (!isBuiltin(request)) throw new Error(`\`${request}\` is not in the snapshot's bundle`)
    return load.call(this, request, ...rest)
  }
}

/** The loader as it was. */
export function restoreLoader(): void {
  loader._load = load
}
