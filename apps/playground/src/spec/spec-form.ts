/**
 * The composer's form model and its conversions: spec → form (text fields, as the inputs show them)
 * and form → spec (parsed by the option types of the JSON Schema catalog, then validated by core).
 * Pure functions over plain data, so the round trip is unit-tested without a DOM.
 */
import { InvalidArgumentError, type ScheduleSpec, schedule } from '@lrkit/core'
import { DEFAULT_SPECS } from './default-specs'
import { type KindDescriptor, kindDescriptor, type OptionDescriptor } from './schema-catalog'

/**
 * One spec in the form: its kind, the text of each scalar or list option ('' = not set, the
 * factory's default applies) and its nested specs.
 */
export interface FormNode {
  /** The spec kind. */
  readonly kind: string
  /** Option name → text as typed (numbers as written, lists comma-separated, booleans 'true'/'false'). */
  readonly values: Readonly<Record<string, string>>
  /** Nested spec of `warmup`, `scale` and `clamp`. */
  readonly schedule?: FormNode
  /** Nested specs of `sequence`. */
  readonly schedules?: readonly FormNode[]
}

/** Where a node sits under the root: keys and indices, as in core's error paths (`schedules[1].schedule`). */
export type NodePath = readonly (string | number)[]

/** A problem with one field, by the path core uses in its errors (`schedule.totalSteps`). */
export interface FieldError {
  /** Path of the option, e.g. `schedules[1].values`; '' for the spec itself. */
  readonly path: string
  /** The message shown next to the field. */
  readonly message: string
}

/** The result of {@link formToSpec}. */
export type FormResult =
  | { readonly ok: true; readonly spec: ScheduleSpec }
  | { readonly ok: false; readonly errors: readonly FieldError[] }

function formatValue(value: unknown): string {
  if (value === undefined) return ''
  if (Array.isArray(value)) return value.map((entry) => String(entry)).join(', ')
  return String(value)
}

/**
 * The form of a spec. Numbers are written with `String`, which round-trips every double exactly.
 *
 * @param spec - a schedule spec (a root `version` is dropped: the page always writes version 1).
 * @returns The form node tree.
 */
export function specToForm(spec: ScheduleSpec): FormNode {
  const descriptor = kindDescriptor(spec.kind)
  const record = spec as unknown as Readonly<Record<string, unknown>>
  const values: Record<string, string> = {}
  let nested: FormNode | undefined
  let nestedList: FormNode[] | undefined
  for (const option of descriptor.options) {
    if (option.type === 'spec') nested = specToForm(record[option.name] as ScheduleSpec)
    else if (option.type === 'specList')
      nestedList = (record[option.name] as readonly ScheduleSpec[]).map((child) => specToForm(child))
    else values[option.name] = formatValue(record[option.name])
  }
  return {
    kind: spec.kind,
    values,
    ...(nested === undefined ? {} : { schedule: nested }),
    ...(nestedList === undefined ? {} : { schedules: nestedList }),
  }
}

function joinPath(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}.${name}`
}

/** Parses one number as typed; `undefined` for text that is not a finite number. */
export function parseNumberText(text: string): number | undefined {
  const trimmed = text.trim()
  if (trimmed === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(trimmed)) return undefined
  const value = Number(trimmed)
  return Number.isFinite(value) ? value : undefined
}

function parseOption(
  option: OptionDescriptor,
  text: string,
  path: string,
): { value?: unknown; error?: FieldError } {
  const trimmed = text.trim()
  if (trimmed === '') return {}
  switch (option.type) {
    case 'number':
    case 'integer': {
      const value = parseNumberText(trimmed)
      if (value === undefined)
        return { error: { path, message: `${path} must be a number, got "${trimmed}"` } }
      return { value }
    }
    case 'boolean':
      if (trimmed === 'true') return { value: true }
      if (trimmed === 'false') return { value: false }
      return { error: { path, message: `${path} must be true or false, got "${trimmed}"` } }
    case 'enum':
      return { value: trimmed }
    case 'numberList':
    case 'integerList': {
      const parts = trimmed.split(/[\s,;]+/).filter((part) => part !== '')
      const numbers = parts.map((part) => parseNumberText(part))
      const bad = numbers.indexOf(undefined)
      if (bad >= 0) {
        return {
          error: { path, message: `${path} must be numbers separated by commas, got "${parts[bad]}"` },
        }
      }
      return { value: numbers }
    }
    default:
      return {}
  }
}

function collect(node: FormNode, prefix: string, errors: FieldError[]): Record<string, unknown> {
  let descriptor: KindDescriptor
  try {
    descriptor = kindDescriptor(node.kind)
  } catch {
    errors.push({
      path: joinPath(prefix, 'kind'),
      message: `${joinPath(prefix, 'kind')}: unknown kind "${node.kind}"`,
    })
    return { kind: node.kind }
  }
  const spec: Record<string, unknown> = { kind: node.kind }
  for (const option of descriptor.options) {
    const path = joinPath(prefix, option.name)
    if (option.type === 'spec') {
      if (node.schedule !== undefined) spec[option.name] = collect(node.schedule, path, errors)
    } else if (option.type === 'specList') {
      spec[option.name] = (node.schedules ?? []).map((child, index) =>
        collect(child, `${path}[${index}]`, errors),
      )
    } else {
      const parsed = parseOption(option, node.values[option.name] ?? '', path)
      if (parsed.error !== undefined) errors.push(parsed.error)
      else if (parsed.value !== undefined) spec[option.name] = parsed.value
    }
  }
  return spec
}

/**
 * The spec of a form: text parsed by the option types, then validated and compiled by core's
 * `schedule()` (so every structural and cross-option rule of core applies, with core's messages).
 *
 * @param node - the form's root node.
 * @returns `{ ok: true, spec }`, or `{ ok: false, errors }`: every text that is not a number, or the
 *   one error core reports, at its path.
 */
export function formToSpec(node: FormNode): FormResult {
  const errors: FieldError[] = []
  const candidate = collect(node, '', errors)
  if (errors.length > 0) return { ok: false, errors }
  try {
    return { ok: true, spec: schedule(candidate).spec }
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) {
      return { ok: false, errors: [{ path: error.argument, message: error.message }] }
    }
    return { ok: false, errors: [{ path: '', message: (error as Error).message }] }
  }
}

/**
 * The path string of an option of the node at `path`, as core writes it (`schedules[1].values`).
 *
 * @param path - the node's path.
 * @param option - the option name ('' for the node itself).
 * @returns The dotted path.
 */
export function optionPath(path: NodePath, option: string): string {
  let result = ''
  for (const key of path) result = typeof key === 'number' ? `${result}[${key}]` : joinPath(result, key)
  return option === '' ? result : joinPath(result, option)
}

/**
 * The node at `path`.
 *
 * @param root - the root node.
 * @param path - keys (`schedule`, `schedules`) and indices.
 * @returns The node, or undefined when the path leads nowhere.
 */
export function nodeAt(root: FormNode, path: NodePath): FormNode | undefined {
  let node: FormNode | undefined = root
  for (let index = 0; index < path.length && node !== undefined; index++) {
    const key = path[index]
    if (key === 'schedule') node = node.schedule
    else if (key === 'schedules') {
      node = node.schedules?.[path[index + 1] as number]
      index++
    } else return undefined
  }
  return node
}

/**
 * A copy of `root` with the node at `path` replaced by `update(node)`.
 *
 * @param root - the root node.
 * @param path - where.
 * @param update - the change.
 * @returns The new root (unchanged parts shared).
 */
export function updateNode(root: FormNode, path: NodePath, update: (node: FormNode) => FormNode): FormNode {
  if (path.length === 0) return update(root)
  const [key, ...rest] = path
  if (key === 'schedule' && root.schedule !== undefined) {
    return { ...root, schedule: updateNode(root.schedule, rest, update) }
  }
  if (key === 'schedules' && root.schedules !== undefined) {
    const [index, ...tail] = rest
    return {
      ...root,
      schedules: root.schedules.map((child, position) =>
        position === index ? updateNode(child, tail, update) : child,
      ),
    }
  }
  return root
}

/**
 * Changes a node's kind: a combinator wraps the node it replaces (picking `warmup` on a cosine puts a
 * warmup in front of that cosine; `sequence` starts with it); a plain kind starts from its default
 * spec and keeps every option value the old node had under the same name.
 *
 * @param node - the node.
 * @param kind - the new kind.
 * @returns The new node.
 */
export function changeKind(node: FormNode, kind: string): FormNode {
  if (kind === node.kind) return node
  const fresh = specToForm(DEFAULT_SPECS[kind as keyof typeof DEFAULT_SPECS])
  const descriptor = kindDescriptor(kind)
  if (descriptor.combinator) {
    if (fresh.schedule !== undefined) return { ...fresh, schedule: node }
    if (fresh.schedules !== undefined) return { ...fresh, schedules: [node, ...fresh.schedules.slice(1)] }
  }
  const values: Record<string, string> = { ...fresh.values }
  for (const option of descriptor.options) {
    const old = node.values[option.name]
    if (old !== undefined && old !== '') values[option.name] = old
  }
  return { ...fresh, values }
}

/**
 * Wraps a node in a combinator with that combinator's default options.
 *
 * @param node - the node to wrap.
 * @param kind - `warmup`, `scale`, `clamp` or `sequence`.
 * @returns The combinator node.
 */
export function wrapNode(node: FormNode, kind: 'warmup' | 'scale' | 'clamp' | 'sequence'): FormNode {
  const fresh = specToForm(DEFAULT_SPECS[kind])
  if (kind === 'sequence') return { ...fresh, schedules: [node, ...(fresh.schedules ?? []).slice(1)] }
  return { ...fresh, schedule: node }
}

/**
 * Replaces a combinator by its (first) nested spec.
 *
 * @param node - a combinator node.
 * @returns Its child, or the node itself when it has none.
 */
export function unwrapNode(node: FormNode): FormNode {
  return node.schedule ?? node.schedules?.[0] ?? node
}
