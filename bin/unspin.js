#!/bin/sh
":" /*
# This file is read by both sh and Node.js. Run as a command, sh reads these
# lines and starts Node.js straight from the CLI's start-up snapshot. That
# saves the second process the JavaScript below needs for it, since Node.js
# cannot switch to a snapshot once running: about a tenth of a second.
#
# sh checks only what Node.js would refuse before unspin could check it:
# the snapshot must be made with this node binary, and the binary must be
# unchanged since. The snapshot's process checks the rest itself
# (src/cli/snapshot.ts) and starts the plain way if it must. Anything else
# hands over to the JavaScript below, which decides as it always has. Run
# any other way (`node bin/unspin.js`, npm's shim on Windows), Node.js reads
# the line above as a string and this as a comment.

# npm links the bin (node_modules/.bin/unspin): follow the links to the file.
self=$0
[ "${self%/*}" != "$self" ] || self=./$self
while [ -L "$self" ]; do
  link=$(readlink "$self")
  case $link in /*) self=$link ;; *) self=${self%/*}/$link ;; esac
done
snapshot=${self%/*}/../dist/snapshot
node=$(command -v node)

# unspin opens no TLS connection, and Node.js reads and parses the file
# NODE_EXTRA_CA_CERTS names as it starts, before any JavaScript runs: about
# 0.06 s of every start where it is set (to a system's whole CA bundle, as
# CI images and company machines do). Its children are Node.js too
# (src/cli/launch.ts drops it for them as well).
unset NODE_EXTRA_CA_CERTS

# `--v8-pool-size=0`: one V8 helper thread per core beside the main one
# (Node.js starts four). A check is one thread of JavaScript; its helpers
# compile hot code and collect garbage, and four of them on a two-core
# machine take turns with the main thread (see THREAD_POOL in
# src/cli/launch.ts).
#
# `find -cnewer` prints the binary if it was installed or changed after the
# snapshot's stamp was written (a find without -cnewer fails, and counts so).
if [ "${UNSPIN_SNAPSHOT-}" != 0 ] && [ -z "${NODE_OPTIONS-}" ] && [ -n "$node" ] \
  && [ -f "$snapshot/unspin.blob" ] && [ -f "$snapshot/node-path.txt" ] \
  && read -r built < "$snapshot/node-path.txt" && [ "$node" -ef "$built" ] \
  && changed=$(find "$built" -prune -cnewer "$snapshot/unspin.json" 2>/dev/null) && [ -z "$changed" ]; then
  UNSPIN_LAUNCHER=sh exec "$node" --v8-pool-size=0 --snapshot-blob "$snapshot/unspin.blob" -- "$self" "$@"
fi
exec "${node:-node}" --v8-pool-size=0 "$self" "$@"
*/

// The CLI is compiled to dist/ by `npm ci` (the `prepare` script), which also
// saves its start-up as a snapshot where it can (see dist/cli/launch.js).
import {launch} from '../dist/cli/launch.js'

const code = await launch(process.argv)
if (code === undefined) {
  const {start} = await import('../dist/cli/start.js')
  await start(process.argv)
} else {
  process.exitCode = code
}
