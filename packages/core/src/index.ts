export { InvalidArgumentError } from './errors/invalid-argument-error'
export { InvalidStateError } from './errors/invalid-state-error'
export { LrKitError } from './errors/lrkit-error'
