/**
 * @lrkit/core — the public API. Exports are grouped by source folder, one folder per concept:
 * errors/, groups/ (parameter groups, discriminative rates, unfreezing, rules of thumb),
 * monitor/ (loss-curve diagnosis), optimizers/, range-test/, scheduler/ (createScheduler,
 * reduceOnPlateau), schedules/ (pure schedule factories), search/, specs/ (JSON specs, JSON Schema,
 * presets), trainable.ts (the contract the range test and search drive).
 *
 * @packageDocumentation
 */
export { InvalidArgumentError } from './errors/invalid-argument-error'
export { InvalidStateError } from './errors/invalid-state-error'
export { LrKitError } from './errors/lrkit-error'
export type { TrainablePhase } from './errors/trainable-error'
export { TrainableError } from './errors/trainable-error'
export type {
  CreateParamGroupsOptions,
  GroupSelector,
  MatchMode,
  ParameterInfo,
  ParameterMatch,
  ParameterPattern,
  UnmatchedPolicy,
} from './groups/create-param-groups'
export { createParamGroups, NO_DECAY_SUFFIX, UNMATCHED_GROUP_NAME } from './groups/create-param-groups'
export type { DecayScalesOptions } from './groups/decay-scales'
export { decayScales } from './groups/decay-scales'
export type { DiscriminativeScalesOptions, DiscriminativeStrategy } from './groups/discriminative-strategy'
export { discriminativeScales } from './groups/discriminative-strategy'
export type {
  FineTuneOneCycleSpec,
  FineTunePhase,
  FineTuneRecipe,
  FineTuneRecipeOptions,
} from './groups/fine-tune-recipe'
export { fineTuneRecipe } from './groups/fine-tune-recipe'
export type { GeometricScalesOptions } from './groups/geometric-scales'
export { geometricScales } from './groups/geometric-scales'
export type {
  IsExcludedFromWeightDecayOptions,
  WeightDecayExclusion,
  WeightDecayExclusionRule,
} from './groups/is-excluded-from-weight-decay'
export { isExcludedFromWeightDecay } from './groups/is-excluded-from-weight-decay'
export type { LayerDecayScalesOptions } from './groups/layer-decay-scales'
export { layerDecayScales } from './groups/layer-decay-scales'
export type {
  FineTuneLearningRateOptions,
  LearningRateRuleOfThumb,
  RuleOfThumbOptimizer,
} from './groups/rules-of-thumb'
export { defaultLearningRate, fineTuneLearningRate } from './groups/rules-of-thumb'
export type { ParamGroup } from './groups/types'
export type { GradualUnfreezingPlanOptions, UnfreezePlan, UnfreezeStage } from './groups/unfreeze-plan'
export { gradualUnfreezingPlan, trainableGroupsAt, withTrainableGroups } from './groups/unfreeze-plan'
export type {
  LossMonitor,
  LossMonitorOptions,
  MonitorEvent,
  MonitorEventKind,
  ObserveInfo,
} from './monitor/create-loss-monitor'
export { createLossMonitor } from './monitor/create-loss-monitor'
export type { AdagradOptimizerOptions } from './optimizers/adagrad-optimizer'
export { adagradOptimizer } from './optimizers/adagrad-optimizer'
export type { AdamOptimizerOptions } from './optimizers/adam-optimizer'
export { adamOptimizer } from './optimizers/adam-optimizer'
export type { AdamwOptimizerOptions } from './optimizers/adamw-optimizer'
export { adamwOptimizer } from './optimizers/adamw-optimizer'
export type { GroupedOptimizer } from './optimizers/apply-fine-tune-phase'
export { applyFineTunePhase, applyTrainableGroups } from './optimizers/apply-fine-tune-phase'
export { jsKernels } from './optimizers/kernels/js-kernels'
export type { KernelBackend } from './optimizers/kernels/select-kernels'
export { selectKernels } from './optimizers/kernels/select-kernels'
export type {
  AdagradHyper,
  AdamHyper,
  LionHyper,
  OptimizerKernels,
  RmspropHyper,
  SgdHyper,
} from './optimizers/kernels/types'
export type { WasmKernelsOptions } from './optimizers/kernels/wasm-kernels'
export { createWasmKernels, wasmSimdSupported } from './optimizers/kernels/wasm-kernels'
export type { LionOptimizerOptions } from './optimizers/lion-optimizer'
export { lionOptimizer } from './optimizers/lion-optimizer'
export type { RmspropOptimizerOptions } from './optimizers/rmsprop-optimizer'
export { rmspropOptimizer } from './optimizers/rmsprop-optimizer'
export type { SgdOptimizerOptions } from './optimizers/sgd-optimizer'
export { sgdOptimizer } from './optimizers/sgd-optimizer'
export type {
  AccumulationState,
  AdagradHyperparameters,
  AdamHyperparameters,
  GradientClippingOptions,
  LionHyperparameters,
  NamedArrays,
  Optimizer,
  OptimizerBaseOptions,
  OptimizerKind,
  OptimizerState,
  ParameterState,
  ParamGroupUpdate,
  RmspropHyperparameters,
  SgdHyperparameters,
  StepReport,
} from './optimizers/types'
export type {
  FindLearningRateOptions,
  FindLearningRateResult,
  FindLearningRateStepLimit,
  LearningRateCandidate,
  ResolvedFindLearningRateOptions,
} from './range-test/find-learning-rate'
export { findLearningRate, findLearningRateStepLimit } from './range-test/find-learning-rate'
export type { LagCorrectedSmoothLossesOptions } from './range-test/lag-corrected-smooth-losses'
export { lagCorrectedSmoothLosses } from './range-test/lag-corrected-smooth-losses'
export type { MinimumSuggestionOptions } from './range-test/minimum-suggestion'
export { minimumSuggestion } from './range-test/minimum-suggestion'
export type { RangeTestSchedule, RangeTestScheduleOptions } from './range-test/range-test-schedule'
export { rangeTestSchedule } from './range-test/range-test-schedule'
export type {
  RangeTestPoint,
  RangeTestResult,
  RangeTestRun,
  RangeTestStop,
  ResolvedRangeTestOptions,
  RunRangeTestOptions,
} from './range-test/run-range-test'
export { runRangeTest } from './range-test/run-range-test'
export type { SlideSuggestionOptions } from './range-test/slide-suggestion'
export { slideSuggestion } from './range-test/slide-suggestion'
export type { SmoothLossesOptions } from './range-test/smooth-losses'
export { smoothLosses } from './range-test/smooth-losses'
export type { SteepSuggestionOptions } from './range-test/steep-suggestion'
export { steepSuggestion } from './range-test/steep-suggestion'
export type { SteepestGradientSuggestionOptions } from './range-test/steepest-gradient-suggestion'
export { steepestGradientSuggestion } from './range-test/steepest-gradient-suggestion'
export type { SuggestLearningRateOptions } from './range-test/suggest-learning-rate'
export { suggestLearningRate } from './range-test/suggest-learning-rate'
export type { LossCurve, Suggestion, SuggestionRule, TrimOptions } from './range-test/suggestion'
export { SUGGESTION_RULES } from './range-test/suggestion'
export type { ValleySuggestionOptions } from './range-test/valley-suggestion'
export { valleySuggestion } from './range-test/valley-suggestion'
export type { CreateSchedulerOptions, Scheduler, SchedulerState } from './scheduler/create-scheduler'
export { createScheduler } from './scheduler/create-scheduler'
export type { LearningRateTarget } from './scheduler/learning-rate-target'
export type {
  PlateauController,
  PlateauConvention,
  PlateauState,
  ReduceOnPlateauOptions,
  ResolvedReduceOnPlateauOptions,
} from './scheduler/reduce-on-plateau'
export { reduceOnPlateau } from './scheduler/reduce-on-plateau'
export type { ClampScheduleOptions } from './schedules/clamp-schedule'
export { clampSchedule } from './schedules/clamp-schedule'
export type { ConstantScheduleOptions } from './schedules/constant-schedule'
export { constantSchedule } from './schedules/constant-schedule'
export type { CosineRestartsScheduleOptions } from './schedules/cosine-restarts-schedule'
export { cosineRestartsSchedule } from './schedules/cosine-restarts-schedule'
export type { CosineScheduleOptions } from './schedules/cosine-schedule'
export { cosineSchedule } from './schedules/cosine-schedule'
export type { CyclicScheduleOptions } from './schedules/cyclic-schedule'
export { cyclicSchedule } from './schedules/cyclic-schedule'
export type { ExponentialScheduleOptions } from './schedules/exponential-schedule'
export { exponentialSchedule } from './schedules/exponential-schedule'
export type { InverseSqrtScheduleOptions } from './schedules/inverse-sqrt-schedule'
export { inverseSqrtSchedule } from './schedules/inverse-sqrt-schedule'
export type { LinearScheduleOptions } from './schedules/linear-schedule'
export { linearSchedule } from './schedules/linear-schedule'
export type { MultiStepScheduleOptions } from './schedules/multi-step-schedule'
export { multiStepSchedule } from './schedules/multi-step-schedule'
export type { OneCycleScheduleOptions } from './schedules/one-cycle-schedule'
export { oneCycleSchedule } from './schedules/one-cycle-schedule'
export type { PiecewiseConstantScheduleOptions } from './schedules/piecewise-constant-schedule'
export { piecewiseConstantSchedule } from './schedules/piecewise-constant-schedule'
export type { PiecewiseInterpolateScheduleOptions } from './schedules/piecewise-interpolate-schedule'
export { piecewiseInterpolateSchedule } from './schedules/piecewise-interpolate-schedule'
export type { PolynomialScheduleOptions } from './schedules/polynomial-schedule'
export { polynomialSchedule } from './schedules/polynomial-schedule'
export type { ScaleScheduleOptions } from './schedules/scale-schedule'
export { scaleSchedule } from './schedules/scale-schedule'
export type { SequenceScheduleOptions } from './schedules/sequence-schedule'
export { sequenceSchedule } from './schedules/sequence-schedule'
export type { StepScheduleOptions } from './schedules/step-schedule'
export { stepSchedule } from './schedules/step-schedule'
export type { Schedule } from './schedules/types'
export type { WarmupScheduleOptions } from './schedules/warmup-schedule'
export { warmupSchedule } from './schedules/warmup-schedule'
export type { WarmupStableDecayScheduleOptions } from './schedules/warmup-stable-decay-schedule'
export { warmupStableDecaySchedule } from './schedules/warmup-stable-decay-schedule'
export type { GridSearchOptions } from './search/grid-search'
export { gridSearch } from './search/grid-search'
export type { RandomSearchOptions } from './search/random-search'
export { randomSearch } from './search/random-search'
export type { SearchBaseOptions, SearchResult, SearchRow } from './search/search-trials'
export type { SuccessiveHalvingOptions } from './search/successive-halving'
export { successiveHalving } from './search/successive-halving'
export {
  LRKIT_CONFIG_SCHEMA_ID,
  lrKitConfigJsonSchema,
  SCHEDULE_SPEC_SCHEMA_ID,
  scheduleSpecJsonSchema,
} from './specs/json-schema'
export type {
  TransformerFineTunePresetOptions,
  UlmfitSlantedTriangularPresetOptions,
  VisionOneCyclePresetOptions,
  WarmupStableDecayPresetOptions,
} from './specs/presets'
export {
  transformerFineTunePreset,
  ulmfitSlantedTriangularPreset,
  visionOneCyclePreset,
  warmupStableDecayPreset,
} from './specs/presets'
export type { CompiledSchedule, SafeParseScheduleSpecResult } from './specs/schedule'
export { parseLrKitConfig, parseScheduleSpec, safeParseScheduleSpec, schedule } from './specs/schedule'
export type {
  ClampSpec,
  ConstantSpec,
  CosineRestartsSpec,
  CosineSpec,
  CyclicSpec,
  ExponentialSpec,
  InverseSqrtSpec,
  LinearSpec,
  LrKitConfig,
  MultiStepSpec,
  OneCycleSpec,
  PiecewiseConstantSpec,
  PiecewiseInterpolateSpec,
  PlateauConfig,
  PolynomialSpec,
  ScaleSpec,
  ScheduleSpec,
  ScheduleSpecKind,
  SequenceSpec,
  StepSpec,
  VersionedScheduleSpec,
  WarmupSpec,
  WarmupStableDecaySpec,
} from './specs/schedule-spec-schema'
export { SCHEDULE_SPEC_KINDS } from './specs/schedule-spec-schema'
export type { SearchTrial, Trainable, TrainableFactory } from './trainable'
