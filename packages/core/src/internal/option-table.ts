/**
 * Typed option tables: one per factory, checked against the factory's options interface at compile
 * time in both directions (every listed key is an option, every option is listed), so that reading
 * a misspelt option (`record.totalStep`) does not compile and a new option cannot be forgotten in
 * the unknown-key check. Internal: not exported from the package entry point.
 */
import { knownKeys, optionsObject } from './validate'

/** Compile-time: `true` when `Keys` lists exactly the keys of `Options`. */
type ExactKeys<Options, Keys extends PropertyKey> = [Exclude<keyof Options, Keys>] extends [never]
  ? [Exclude<Keys, keyof Options>] extends [never]
    ? true
    : { error: 'option table lists keys that are not options'; keys: Exclude<Keys, keyof Options> }
  : { error: 'option table misses options'; keys: Exclude<keyof Options, Keys> }

/** The options read from an unknown value: every key of `Options`, each still `unknown`. */
export type OptionRecord<Options> = { readonly [K in keyof Options]-?: unknown }

/** A factory's option table: its name (for errors), its keys and the reader. */
export interface OptionTable<Options> {
  /** The factory name used in error messages (`warmupStep is not an option of cosineSchedule`). */
  readonly factory: string
  /** Every option key, in documentation order. */
  readonly keys: readonly (keyof Options & string)[]
  /**
   * Checks that `value` is an options object with no unknown key and returns it typed by the
   * options interface, each value still `unknown` (validate each one).
   */
  read(value: unknown, argument?: string): OptionRecord<Options>
}

/**
 * Declares the option table of a factory. Usage (the second call's argument is checked against
 * `Options`: a missing or extra key is a compile error):
 *
 * ```ts
 * const table = optionTable<CosineScheduleOptions>()('cosineSchedule', ['initValue', 'endValue', 'totalSteps'])
 * const record = table.read(options) // record.totalSteps: unknown; record.totalStep: compile error
 * ```
 */
export function optionTable<Options>() {
  return <const Keys extends readonly (keyof Options & string)[]>(
    factory: string,
    keys: Keys & (ExactKeys<Options, Keys[number]> extends true ? unknown : ExactKeys<Options, Keys[number]>),
  ): OptionTable<Options> => ({
    factory,
    keys,
    read(value: unknown, argument = 'options'): OptionRecord<Options> {
      const record = optionsObject(argument, value)
      knownKeys(factory, record, keys)
      return record as OptionRecord<Options>
    },
  })
}
