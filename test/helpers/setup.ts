import {afterEach} from 'vitest'

// Many tests run the CLI with spawnSync, which blocks the worker's event loop
// while it runs. Back to back, a file of them (the snapshot tests: over a
// minute on CI) never lets the worker read vitest's replies, and its calls
// to the main process time out after 60 s. One turn of the event loop after
// each test reads them.
afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)))
