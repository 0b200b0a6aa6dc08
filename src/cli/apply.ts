/**
 * `unspin apply --decisions FILE [--dry-run]`: apply what a reviewer
 * accepted. Every file must still hash to what was reviewed, or nothing is
 * written at all (exit 2, naming the file).
 */
import type {Command} from 'commander'
import path from 'node:path'
import {diffPlan, planApply, readDecisions, summarizePlan, writePlan} from '../review/apply.js'
import type {Io} from './shared.js'

export interface ApplyOptions {
  decisions: string
  dryRun?: boolean
}

export function registerApply(program: Command, io: Io, run: (code: number) => void): void {
  program
    .command('apply')
    .description('apply the accepted suggestions of a decisions.json exported from `unspin review`')
    .requiredOption('--decisions <file>', 'the decisions file')
    .option('--dry-run', 'print a unified diff of the changes instead of writing them')
    .action(async (options: ApplyOptions) => run(await apply(options, io)))
}

export async function apply(options: ApplyOptions, io: Io): Promise<number> {
  const file = path.resolve(io.cwd, options.decisions)
  const decisions = await readDecisions(file, options.decisions)
  const plan = await planApply(decisions, file)
  if (options.dryRun) {
    io.stdout(diffPlan(plan))
    io.stderr(summarizePlan(plan, true) + '\n')
    return 0
  }
  await writePlan(plan)
  io.stdout(summarizePlan(plan) + '\n')
  return 0
}
