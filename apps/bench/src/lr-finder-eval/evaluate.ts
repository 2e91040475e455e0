/**
 * The learning-rate finder evaluation (CPU-sized): how close does each way of choosing a constant
 * learning rate come to the best-of-grid rate, how often does it fail badly, and at what compute —
 * on a development set (where anything is tuned) and a test set (reported only).
 *
 * Protocol (round 23 of issue 8):
 * - Two hundred and fifty-eight tasks × two optimizers (SGD-momentum 0.9, Adam) — see `tasks.ts`. Recipe:
 *   constant learning rate for B = 300 steps, batch 32 (other batch sizes on a few tasks); score =
 *   final held-out (validation) loss.
 * - Round 1 split T1–T12 into halves ({@link ROUND_1_SPLIT}), tuned `findLearningRate` on one and
 *   reported on the other. Rounds 2, 3 and 4 ({@link ROUND_2_SPLIT}, {@link ROUND_3_SPLIT},
 *   {@link ROUND_4_SPLIT}) each developed on every task seen so far and reported on six NEW tasks
 *   (N1–N6, R1–R6, S1–S6) committed before their tuning.
 * - Round 5 ({@link ROUND_5_SPLIT}) changed nothing in `findLearningRate` and grew the test set
 *   instead: S1–S6 (not tuned on for the round-4 defaults) plus twelve new tasks U1–U6, V1–V6,
 *   108 picks (goal not met: one catastrophic pick).
 * - Round 6 ({@link ROUND_6_SPLIT}): every one of the 42 tasks of rounds 1–5 was development data;
 *   the race's new shape (successive halving to 96 steps) was chosen there; the test set was twelve
 *   NEW tasks W1–W6 and X1–X6 (goal not met: six catastrophic picks).
 * - Round 7 ({@link ROUND_7_SPLIT}): every one of the 54 tasks of rounds 1–6 was development data; the
 *   plateau probe of `findLearningRate` (`flatThreshold`, `probeDecades`) was chosen there; the test
 *   set is twelve NEW tasks Y1–Y6 and Z1–Z6, written and committed by sessions that ran no rate
 *   search on them before any round-7 tuning, run once for the results and reported pooled and per
 *   set (goal not met: four catastrophic picks).
 * - Round 8 ({@link ROUND_8_SPLIT}): every one of the 66 tasks so far is development data; the
 *   sweep's usable prefix (one spike no longer cuts it) was changed there; the test
 *   set is twelve NEW tasks P1–P6 and Q1–Q6, written and committed by sessions that ran no rate
 *   search on them before any round-8 tuning, run once for the results and reported pooled and per
 *   set (goal not met: four catastrophic picks).
 * - Round 9 ({@link ROUND_9_SPLIT}): every one of the 78 tasks so far is development data; no variant
 *   tried there (a higher bracket, a lower flat threshold, shrinking the top or probe winner less, a
 *   probe when the top candidate leads rung 0, keeping the top candidate, extrapolated race scores)
 *   cut the catastrophic picks without adding more bad ones, so `findLearningRate` is unchanged and
 *   the round measures it as it stands; the test set is twelve NEW tasks K1–K6 and L1–L6, written and committed by sessions that ran no
 *   rate search on them before any round-9 tuning, run once for the results and reported pooled and
 *   per set (goal not met: eight catastrophic picks, all from flat races).
 * - Round 10 ({@link ROUND_10_SPLIT}): every one of the 90 tasks so far is development data; the picks
 *   of `findLearningRate` are unchanged, and its `lowConfidence` flag now also flags a flat rung 0
 *   (chosen on rounds 1–9); the test set is twelve NEW tasks M1–M6 and O1–O6, written and
 *   committed by sessions that ran no rate search on them before the round-10 run, run once for the
 *   results and reported pooled and per set ({@link TEST_SETS}) (goal not met: three catastrophic
 *   picks, all on one cell: a bracket placed too high; M1–M6 alone met it).
 * - Round 11 ({@link ROUND_11_SPLIT}): every one of the 102 tasks so far is development data; the probe
 *   below the bracket of `findLearningRate` (`probeBelow`: a rung 0 led by its lowest candidate)
 *   was chosen there; the test set is twelve NEW tasks A1–A6 and B1–B6, written and committed by
 *   sessions that ran no rate search on them before any round-11 tuning, run once for the results
 *   and reported pooled and per set ({@link TEST_SETS}) (goal not met: ten catastrophic picks, all
 *   on two B tasks whose mini-batch losses are so noisy that the sweep stops on noise — batches of 2
 *   rows, ±20 outliers in 5 % of the training targets; the probe below never fired there; A1–A6
 *   alone met it).
 * - Round 12 ({@link ROUND_12_SPLIT}): every one of the 114 tasks so far is development data; two
 *   variants tried there against those noisy-loss failures (the sweep's divergence reference taken
 *   only from full windows of 5 losses; a race candidate's reference = the median of its first 5
 *   losses) left them catastrophic or made other picks worse, so `findLearningRate` is unchanged and
 *   the round measures it as it stands; the test set is twelve NEW tasks C1–C6 and D1–D6, written and
 *   committed by sessions that ran no rate search on them before the round-12 run, run once for the
 *   results and reported pooled and per set ({@link TEST_SETS}) (goal not met: seven catastrophic
 *   picks, six on few-shot fine-tuning of a regression on 60 rows that gains at most 2 %, where picks
 *   with regret 15–23 % end above the initial loss; D1–D6 alone met it).
 * - Round 13 ({@link ROUND_13_SPLIT}): every one of the 126 tasks so far is development data; three
 *   changes to `findLearningRate` were chosen there (a harmful rung 0 probes a whole bracket below;
 *   the sweep's divergence level is the median of up to 15 losses; a race candidate is held to the
 *   larger of its first loss and the initial loss level); the test set is twelve NEW tasks E1–E6
 *   and F1–F6, written and committed by sessions that ran no rate search on them before the
 *   round-13 run, run once for the results and reported pooled and per set ({@link TEST_SETS})
 *   (goal not met: seven catastrophic picks, six from the short race's bias with SGD — a ramp
 *   clipped to ±1 whose best rate sits at the divergence edge, fine-tuning under a covariate shift
 *   — and one no pick, where every candidate of a bracket placed too high diverged; F1–F6 alone:
 *   one).
 * - Round 14 ({@link ROUND_14_SPLIT}): every one of the 138 tasks so far is development data; one change
 *   to `findLearningRate` was chosen there (a rung 0 where every candidate diverged funds
 *   candidates below the bracket, as when its lowest candidate leads: it turns round 13's no-pick
 *   into a pick and changes nothing else on the 828 development picks); the test set is twelve NEW
 *   tasks G1–G6 and H1–H6, written and committed by sessions that ran no rate search on them before
 *   the round-14 run, run once for the results and reported pooled and per set ({@link TEST_SETS})
 *   (goal not met: three catastrophic picks, all with SGD and a bracket placed too low whose highest
 *   candidate won, all flagged — two on nested arcs, one on MNIST under a brightness gradient;
 *   G1–G6 alone met it).
 * - Round 15 ({@link ROUND_15_SPLIT}): every one of the 150 tasks so far is development data; one change
 *   to `findLearningRate` was chosen there (`probeAbove`: a rung 0 led by its highest candidate
 *   races a probe one candidate spacing above the bracket, for fewer steps, beside the best two of
 *   rung 0: development picks that diverged or had regret ≥ 100 % 29 → 24 in the tuning harness);
 *   the test set is twelve NEW tasks I1–I6 and J1–J6, written and committed by sessions that ran no
 *   rate search on them before the round-15 run, run once for the results and reported pooled and
 *   per set ({@link TEST_SETS}) (goal not met: six catastrophic picks, five on two CNN tasks with
 *   almost nothing to gain, where picks with regret 1–8 % end above the initial loss on a held-out
 *   seed, and one from the short race's bias — a sawtooth target with Adam; J1–J6 alone: two).
 *   After the run, on all 162 tasks as development data, the probe of a flat rung 0 took the same
 *   shape as `probeAbove` (the best two continue beside it, and it trains 56 steps): no test set has
 *   measured that yet. A next round needs new tasks.
 * - Round 16 ({@link ROUND_16_SPLIT}): every one of the 162 tasks so far is development data; no change
 *   to `findLearningRate` since the plateau probe above; the test set is twelve NEW tasks AA1–AA6
 *   and AB1–AB6, written and committed by sessions that ran no rate search on them before the
 *   round-16 run, run once for the results and reported pooled and per set ({@link TEST_SETS}).
 *   New admission rule for test tasks, fixed before the run and blind to every method: Adam at
 *   1e-3 for 300 steps on seed 1000 must lower the held-out loss by ≥ 10 % (round 15's two failing
 *   CNN tasks gained about −1 % and 1 % there); AA3 gained 0.7 % and was retuned (pixel noise σ
 *   0.6 → 0.4, 4 → 16 filters: 16 %); the other eleven gained 18–97 %. (Goal not met: median regret
 *   5.5 % and five catastrophic picks, all on AA3, which learns only after a plateau: flat races
 *   with best rates ½–1 decade above the bracket's top, every one flagged; AB1–AB6 alone: 5.4 %, 0.)
 * - Round 17 ({@link ROUND_17_SPLIT}): every one of the 174 tasks so far is development data; the test
 *   set is twelve NEW tasks AC1–AC6 and AD1–AD6, written and committed by sessions that ran no rate
 *   search on them, each admitted by round 16's rule (Adam 1e-3 gains 14–97 %; AC3 retuned to pass
 *   it: pixel noise σ 0.3, 16 filters), run once for the results and reported pooled and per set.
 *   (Goal not met: median regret 4.6 %, but eight catastrophic picks, all below the best rate: three
 *   from flat races on AC3, a CNN that learns only after a plateau, four from the short race's bias
 *   (x₀/(1 + x₁²) with Adam ×3, soft targets with SGD) and one from ÷ 2 (the monkey saddle with
 *   Adam, whose race the best rate won); AD1–AD6 alone: 2.7 %, 1.)
 * - Round 18 ({@link ROUND_18_SPLIT}): every one of the 186 tasks so far is development data; the test
 *   set is twelve NEW tasks AE1–AE6 and AF1–AF6, written and committed by sessions that ran no rate
 *   search on them, each admitted by round 16's rule (Adam 1e-3 gains 10.7–90 %; AE3 retuned to pass
 *   it: 8 → 16 filters, 10.7 %), run once for the results and reported pooled and per set.
 *   (Goal not met: median regret 8.3 % and nine catastrophic picks, all below the best rate: eight
 *   from the short race's bias (a vector rotated by an input angle and atan2(x₁, x₀)/π with SGD,
 *   fine-tuning after a new input comes online with Adam) and one from a flat race on a CNN telling
 *   horizontally from vertically correlated noise; AE1–AE6 alone: 9.3 %, 3. The full grid read on
 *   one held-out seed had none there.)
 * - Round 19 ({@link ROUND_19_SPLIT}): every one of the 198 tasks so far is development data; the test
 *   set is twelve NEW tasks AG1–AG6 and AH1–AH6, written and committed by a session that ran no rate
 *   search on them, each admitted by round 16's rule (Adam 1e-3 gains 17–91 %; none retuned), run
 *   once for the results and reported pooled and per set. `findLearningRate` is unchanged since
 *   round 16. (Goal not met: median regret 3.3 %, cost 9.8 % and 13.3 points better than the rules
 *   of thumb, but seven catastrophic picks, all below the best rate and none flagged: six from the
 *   short race's bias with SGD on x₀·x₁·x₂ and on the egg crate sin(2x₀)·cos(2x₁), one from ÷ 2 after
 *   a near tie on a CNN telling whether a blob touches the border, whose L* is 1.3 % of L0; AH1–AH6
 *   alone: 2.8 %, 1. The full grid read on one held-out seed had none there.)
 * - Round 20 ({@link ROUND_20_SPLIT}): every one of the 210 tasks so far is development data; the test
 *   set is twelve NEW tasks AI1–AI6 and AJ1–AJ6, written and committed before the round-19 results
 *   were read, by a session that ran no rate search on them, each admitted by round 16's rule (Adam
 *   1e-3 gains 24–85 %; AI3 retuned to pass it: 8×8 images, shapes of +2, 16 filters), run once
 *   for the results and reported pooled and per set. `findLearningRate` is unchanged since round 16.
 *   (Goal not met: median regret 4.2 %, cost 9.8 % and 119.9 points better than the rules of thumb,
 *   but eleven catastrophic picks, all below the best rate and on AI1–AI6: five on a CNN telling an
 *   L-shaped corner from a straight line (AI3), where the bracket's top sat 0.15–0.8 decades under
 *   the best rate: the plateau probe won two flat races but still sat under it, and the probe
 *   above lost three; six with SGD on regressions whose L* is under 4 % of
 *   L0, picks 0.25–0.95 decades under the best rate that recover 93–96 % of the gain but have regret
 *   127–174 % — in five the race's winner was within 0.35 decades of the best rate and ÷ 2 moved the
 *   pick off it. AJ1–AJ6 alone: 2.4 %, none. The full grid read on one held-out seed had one. The
 *   pre-registered flag reason {@link finalistsTied} fired on 2 picks and caught one catastrophic
 *   pick that `lowConfidence` already flagged, so it did not join the flag.)
 * - Round 21 ({@link ROUND_21_SPLIT}): every one of the 222 tasks so far is development data; the test
 *   set is twelve NEW tasks AK1–AK6 and AL1–AL6, written and committed before the round-20 results
 *   were read, by a session that ran no rate search on them, each admitted by round 16's rule (Adam
 *   1e-3 gains 20–99 %; none retuned), run once for the results — alone, with `pnpm bench
 *   lr-finder --split=test`: every method but the two searches is deterministic per task, so the
 *   development half is round 20's full run. `findLearningRate` is unchanged since round 16. (Goal
 *   not met: median regret 6.1 %, six catastrophic picks, all with SGD, below the best rate and not
 *   flagged: five from the short race's bias — fine-tuning after the target's oscillation doubles its
 *   frequency ×3, where every rate up to 4e-2 stays near the initial loss through the race, and the
 *   share of three amounts in a total of six ×2 — and one from a bracket 0.65 decades under the best
 *   rate on a sum of random Fourier features; cost 9.9 %, 56.1 points better than the rules of
 *   thumb. {@link finalistsTied} caught 3 of the 6. The full grid read on one held-out seed had two.)
 * - Round 22 ({@link ROUND_22_SPLIT}): every one of the 234 tasks so far is development data; the test
 *   set is twelve NEW tasks AM1–AM6 and AN1–AN6, written and committed before the round-22 run, by a
 *   session that ran no rate search on them (after round 21's results were read, by a helper whose
 *   brief named no result), each admitted by round 16's rule (Adam 1e-3 gains 16–88 %; none
 *   retuned), run once for the results, alone, with `pnpm bench lr-finder --split=test`.
 *   `findLearningRate` is unchanged since round 16. (Goal not met: median regret 6.2 %, cost 9.8 %,
 *   84.8 points better than the rules of thumb, eleven catastrophic picks, all below the best rate,
 *   every one recovering 87–98 % of L0 − L* but ending at least twice L* on a task whose L* is 2–5 %
 *   of L0: ÷ 2 moving winners near the best rate off it, plateau probes that won but sat under the
 *   best rate, brackets under it whose probe above lost. The full grid read on one held-out seed had
 *   three. {@link finalistsTied} fired once, on a pick `lowConfidence` caught, and stays out.)
 * - Round 23 ({@link TASK_SPLIT}): every one of the 246 tasks so far is development data; the test
 *   set is twelve NEW tasks AO1–AO6 and AP1–AP6, written and committed before the round-23 run, by a
 *   session that ran no rate search on them, each admitted by round 16's rule (Adam 1e-3 gains
 *   22–85 %; three retuned under that rule alone before the run: AO3, AP3 and AP6), run once for
 *   the results, alone, with `pnpm bench lr-finder --split=test`. `findLearningRate` is unchanged
 *   since round 16. (Goal not met: median regret 8.8 %, cost 9.8 %, 38.1 points better than the
 *   rules of thumb, six catastrophic picks: three below the best rate on a CNN telling a chevron's
 *   direction (SGD ×2, where the probe above won but sat 0.7–0.9 decades under the best rate and was
 *   halved, both flagged; Adam ×1, ÷ 2 moving the winner off a best rate with L* 1.6 % of L0) and
 *   three 1.2–1.6 decades ABOVE it on fine-tuning a CNN to dark bars with noisy labels, where rates
 *   of 0.1–0.2 win the 96-step race with validation losses (0.35–0.37) under the best 300-step loss
 *   (0.40) and end above the pretrained held-out loss after 300 steps, which counts as diverged. AO1–AO6
 *   alone: 2.5 %, none. Successive halving had a lower median, 8.6 %, with nine catastrophic picks.
 *   The full grid read on one held-out seed had two. {@link finalistsTied} fired on 2, neither
 *   catastrophic. Both predictions registered before the run in docs/lr-finder-evaluation.md about
 *   where the catastrophic picks fall ({@link catastrophicBySafeRates}) failed: 3 of the 6, not ≥ 60 %,
 *   on cells with ≤ 6 safe grid rates, and 3 of 54 picks (5.6 %, not ≤ 5 %) on the others.)
 * - Ground truth per (task, optimizer) cell: a 25-point log grid 1e-5 … 10 (4 per decade) trained
 *   on 3 held-out seeds; L* = min over the grid of the seed-mean held-out loss (non-finite = +∞).
 * - Methods, each run on 3 finder seeds (≠ the held-out seeds) and its pick trained on the held-out
 *   seeds: every rule of `runRangeTest` (defaults: 1e-7 → 10, 100 steps, EMA 0.98, stop at 4×);
 *   `findLearningRate` (defaults); the rules of thumb (SGD 1e-2, Adam 1e-3; no search); random
 *   search and successive halving over 1e-5 … 10 at the compute of `findLearningRate` (≈ 450
 *   steps), ranked on validation loss. A reference row since round 19, no method to use: the full
 *   grid read on one held-out seed ({@link bestOnOneSeed}; one pick per held-out seed, scored like
 *   every pick on the mean of all three), at 100 % of the grid's compute. It shows how often the
 *   goal's "no catastrophic pick" fails from seed-to-seed noise alone: added after round 18, when
 *   this rule, computed from the committed grids, had catastrophic picks in 10 of the 13 test sets
 *   of rounds 6–18 (none in round 18's; 28 of 1188 picks over all 198 tasks; none in round 19's, one
 *   in round 20's, two in round 21's, three in round 22's, two in round 23's).
 * - Metrics (fixed in round 3 on the development set, before that round's test run): regret = (L(pick) − L*) /
 *   max(L*, L0/100), L0 = the initial held-out loss ({@link pickRegret}: the relative regret of
 *   rounds 1–2 wherever L* ≥ 1 % of L0; N5's L* of 0 made it undefined); the unfloored relative
 *   regret is reported beside it; median with a bootstrap 95 % CI; catastrophic = no pick, diverged,
 *   regret ≥ 100 %, or less than 10 % of the achievable improvement L0 − L* recovered; cost = (steps
 *   spent choosing + B) / (25 × B).
 */

import { rename, writeFile } from 'node:fs/promises'
import type { SearchResult } from '@lrkit/core'
import {
  InvalidArgumentError,
  randomSearch,
  runRangeTest,
  SUGGESTION_RULES,
  successiveHalving,
} from '@lrkit/core'
import {
  booleanValue,
  functionValue,
  knownKeys,
  optionsObject,
  positiveInteger,
} from '../../../../packages/core/src/internal/validate'
// The bench resolves @lrkit/core from its build; the new method is read from source until the next build.
import {
  type FindLearningRateOptions,
  findLearningRate,
} from '../../../../packages/core/src/range-test/find-learning-rate'
import {
  bootstrapMedianDifference,
  checkTarget,
  type FlagQuality,
  flagQuality,
  formatCellTable,
  formatFlagQuality,
  formatSummaryTable,
  isBad,
  isCatastrophic,
  type MethodSummary,
  pickRegret,
  type ScoredPick,
  summarizeMethods,
  type TargetCheck,
} from './report'
import { catastrophicBySafeRates, formatSafeRateTable, type SafeRateRow } from './safe-rates'
import {
  createEvalTasks,
  createTaskTrainable,
  DEFAULT_TASK_SIZES,
  EVAL_OPTIMIZERS,
  EVAL_TASK_NAMES,
  type EvalOptimizer,
  type EvalTask,
  type EvalTaskName,
  SeededRandom,
  type TaskSizes,
  type TaskTrainable,
} from './tasks'

/** Options of {@link runLrFinderEvaluation}. */
export interface LrFinderEvaluationOptions {
  /** Smoke-test size (≈ 1 min on 2 cores): B = 100, a 13-point grid, smaller data, 1 seed; default false. */
  readonly quick?: boolean
  /** Finder seeds, and as many held-out seeds; default 3 (1 with `quick`). */
  readonly seeds?: number
  /** Receives the report lines (markdown) and progress. */
  readonly log: (line: string) => void
  /** Write all raw results as JSON here (temp file + rename); default: no file. */
  readonly jsonPath?: string
  /** Only these tasks (default: all 126). */
  readonly tasks?: readonly EvalTaskName[]
  /** Options passed to `findLearningRate` (development-half tuning only); default: its defaults. */
  readonly findOptions?: FindLearningRateOptions
}

/**
 * The round-1 split (superseded): the twelve names T1–T12 shuffled by Fisher–Yates with
 * `SeededRandom(8)` (issue 8), the first six were the development half, the other six the test
 * half. Round 1 reported on that test half, so it has been seen and is development data now.
 * {@link splitTasks} recomputes it; a test pins the result.
 */
export const ROUND_1_SPLIT = {
  development: [
    'cnn-mnist',
    'overfit-mlp',
    'softmax-blobs',
    'ill-conditioned-regression',
    'large-scale-regression',
    'cnn-patterns',
  ],
  test: [
    'mnist-mlp',
    'edge-regression',
    'finetune-mnist',
    'mnist-softmax',
    'tanh-regression',
    'mlp-clusters',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-2 split (superseded): development = both round-1 halves (T1–T12), test = the six tasks
 * N1–N6 written and committed before any round-2 tuning. Round 2 reported on N1–N6, so they are
 * development data now.
 */
export const ROUND_2_SPLIT = {
  development: [...ROUND_1_SPLIT.development, ...ROUND_1_SPLIT.test],
  test: [
    'noisy-label-mlp',
    'mnist-wide-tanh',
    'cnn-textures',
    'heteroscedastic-regression',
    'separable-edge',
    'finetune-reverse',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-3 split (superseded): development = T1–T12 and N1–N6, test = the six tasks R1–R6
 * written and committed before any round-3 tuning. Round 3 reported on R1–R6, so they are
 * development data now.
 */
export const ROUND_3_SPLIT = {
  development: [...ROUND_2_SPLIT.development, ...ROUND_2_SPLIT.test],
  test: [
    'heavy-tail-regression',
    'noisy-spirals',
    'finetune-cnn',
    'mnist-unscaled',
    'imbalanced-mlp',
    'sparse-text',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-4 split (superseded): development = T1–T12, N1–N6 and R1–R6, test = the six tasks
 * S1–S6 written and committed before any round-4 tuning. `findLearningRate` did not change between
 * that run and round 5's, so S1–S6 stayed in round 5's test set ({@link ROUND_5_SPLIT}).
 */
export const ROUND_4_SPLIT = {
  development: [...ROUND_3_SPLIT.development, ...ROUND_3_SPLIT.test],
  test: [
    'mnist-parity',
    'cnn-shapes',
    'scaled-nonlinear-regression',
    'finetune-tanh',
    'xor-distractors',
    'multi-output-regression',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The tasks added for round 5 (U1–U6 and V1–V6), written and committed before its run; no rate
 * search ran on them before it.
 */
export const ROUND_5_TASKS = [
  'many-class-blobs',
  'mnist-tiny',
  'finetune-regroup',
  'cnn-shifted-mnist',
  'heavy-tail-inputs',
  'low-snr-regression',
  'ar2-forecast',
  'ordinal-latent',
  'mnist-full-mlp',
  'finetune-few-shot',
  'step-bimodal-regression',
  'correlated-distractors',
] as const satisfies readonly EvalTaskName[]

/**
 * The round-5 split (superseded): development = T1–T12, N1–N6 and R1–R6 (the tasks the round-4
 * defaults were chosen on); test = round 4's S1–S6 (not tuned on for those defaults, unchanged until
 * round 5's run) and the twelve new round-5 tasks. Round 5 reported on them, so they are development
 * data now.
 */
export const ROUND_5_SPLIT = {
  development: ROUND_4_SPLIT.development,
  test: [...ROUND_4_SPLIT.test, ...ROUND_5_TASKS],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-6 split (superseded): development = the 42 tasks of rounds 1–5; test = the twelve tasks
 * W1–W6 and X1–X6 written and committed before any round-6 tuning. Round 6 reported on them, so they
 * are development data now.
 */
export const ROUND_6_SPLIT = {
  development: [...ROUND_5_SPLIT.development, ...ROUND_5_SPLIT.test],
  test: [
    'small-batch-clusters',
    'large-batch-regression',
    'bad-init-mlp',
    'uncentred-inputs',
    'wide-small-data',
    'offset-target-regression',
    'sine-regression',
    'noisy-parity',
    'covariate-shift',
    'mnist-bottleneck',
    'mnist-train-label-noise',
    'cnn-transposed-mnist',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-7 split (superseded): development = the 54 tasks of rounds 1–6; test = the twelve tasks
 * Y1–Y6 and Z1–Z6 written and committed before any round-7 tuning. Round 7 reported on them, so they
 * are development data now.
 */
export const ROUND_7_SPLIT = {
  development: [...ROUND_6_SPLIT.development, ...ROUND_6_SPLIT.test],
  test: [
    'saddle-init-regression',
    'lognormal-regression',
    'unequal-spread-classes',
    'masked-inputs',
    'tiny-regression',
    'zipf-classes',
    'mnist-noisy-pixels',
    'finetune-textures-to-shapes',
    'duplicated-rows',
    'huge-features-regression',
    'stripes',
    'mnist-standardized',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-8 split: development = the 66 tasks of rounds 1–7;
 * test = the twelve tasks P1–P6 and Q1–Q6 written and committed before any round-8 tuning and run
 * only for the final numbers.
 */
export const ROUND_8_SPLIT = {
  development: [...ROUND_7_SPLIT.development, ...ROUND_7_SPLIT.test],
  test: [
    'checkerboard',
    'tiny-target-regression',
    'mnist-inverted',
    'periodic-features-regression',
    'label-shift',
    'teacher-student',
    'mixed-tabular',
    'mnist-occluded',
    'heldout-outliers-regression',
    'two-moons',
    'many-class-few-rows',
    'sparse-signal-regression',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-9 split: development = the 78 tasks of rounds 1–8;
 * test = the twelve tasks K1–K6 and L1–L6 written and committed before any round-9 tuning and run
 * only for the final numbers.
 */
export const ROUND_9_SPLIT = {
  development: [...ROUND_8_SPLIT.development, ...ROUND_8_SPLIT.test],
  test: [
    'concentric-rings',
    'product-regression',
    'mnist-binarized',
    'cnn-count-bars',
    'finetune-drift-regression',
    'ellipsoid-boundary',
    'count-regression',
    'hierarchical-clusters',
    'mnist-brightness-contrast',
    'mixed-scale-regression',
    'finetune-rotated-clusters',
    'random-walk-direction',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-10 split: development = the 90 tasks of rounds 1–9; test = the twelve tasks M1–M6 and
 * O1–O6 written and committed before the round-10 run and run only for the final numbers.
 */
export const ROUND_10_SPLIT = {
  development: [...ROUND_9_SPLIT.development, ...ROUND_9_SPLIT.test],
  test: [
    'frequency-classes',
    'v-shaped-regression',
    'cnn-permuted-mnist',
    'saturated-tanh',
    'gaussian-bumps-regression',
    'finetune-noisy-labels',
    'mnist-three-vs-eight',
    'flag-sign-regression',
    'few-rows-large-batch',
    'norm-comparison',
    'quantized-target-regression',
    'finetune-cnn-rotated',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-11 split: development = the 102 tasks of rounds 1–10; test = the twelve tasks A1–A6 and
 * B1–B6 written and committed before any round-11 tuning and run only for the final numbers.
 */
export const ROUND_11_SPLIT = {
  development: [...ROUND_10_SPLIT.development, ...ROUND_10_SPLIT.test],
  test: [
    'narrow-checkerboard',
    'max-affine-regression',
    'cnn-blob-quadrant',
    'finetune-split-classes',
    'one-hot-mse',
    'correlated-latent-inputs',
    'mnist-inverted-mlp',
    'train-outliers-regression',
    'angular-wedges',
    'batch-two-regression',
    'finetune-regression-to-classes',
    'one-hot-fields',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-12 split: development = the 114 tasks of rounds 1–11;
 * test = the twelve tasks C1–C6 and D1–D6 written and committed before the round-12 run and run
 * only for the final numbers.
 */
export const ROUND_12_SPLIT = {
  development: [...ROUND_11_SPLIT.development, ...ROUND_11_SPLIT.test],
  test: [
    'gated-experts-regression',
    'sphere-anchors',
    'cnn-parallel-bars',
    'finetune-few-shot-regression',
    'max-inputs-regression',
    'mnist-one-vs-rest',
    'ar1-sign-classes',
    'exp-growth-regression',
    'cnn-square-outline',
    'boundary-label-noise',
    'kinked-slopes-regression',
    'finetune-classes-to-distance',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-13 split: development = the 126 tasks of rounds 1–12;
 * test = the twelve tasks E1–E6 and F1–F6 written and committed before the round-13 run and run
 * only for the final numbers.
 */
export const ROUND_13_SPLIT = {
  development: [...ROUND_12_SPLIT.development, ...ROUND_12_SPLIT.test],
  test: [
    'latent-autoencoder',
    'pairwise-preference',
    'cnn-mirror-symmetry',
    'clipped-ramp-regression',
    'full-batch-clusters',
    'finetune-shifted-inputs',
    'motif-detection',
    'mnist-7x7',
    'poisson-counts-regression',
    'deep-teacher-student',
    'cnn-segment-column',
    'finetune-multi-task-regression',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-14 split: development = the 138 tasks of rounds 1–13;
 * test = the twelve tasks G1–G6 and H1–H6 written and committed before the round-14 run and run
 * only for the final numbers.
 */
export const ROUND_14_SPLIT = {
  development: [...ROUND_13_SPLIT.development, ...ROUND_13_SPLIT.test],
  test: [
    'swiss-roll-thirds',
    'direction-regression',
    'cnn-disc-or-ring',
    'distribution-shape-classes',
    'skewed-noise-regression',
    'finetune-permuted-labels',
    'prefix-sum-sign',
    'mnist-row-gradient',
    'rare-regime-regression',
    'cnn-lit-balance',
    'nested-arcs',
    'finetune-small-correction',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-15 split: development = the 150 tasks of rounds 1–14;
 * test = the twelve tasks I1–I6 and J1–J6 written and committed before the round-15 run and run
 * only for the final numbers.
 */
export const ROUND_15_SPLIT = {
  development: [...ROUND_14_SPLIT.development, ...ROUND_14_SPLIT.test],
  test: [
    'alternating-sectors',
    'zero-inflated-regression',
    'cnn-dot-in-square',
    'radial-cone-regression',
    'input-outliers-classes',
    'finetune-xor-relabel',
    'collinear-differences',
    'sawtooth-regression',
    'cnn-dot-distance',
    'mnist-overlaid-digit',
    'radial-wave-regression',
    'finetune-rescaled-target',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-16 split: development = the 162 tasks of rounds 1–15;
 * test = the twelve tasks AA1–AA6 and AB1–AB6 written and committed before the round-16 run and run
 * only for the final numbers. Each of them was admitted only if Adam at 1e-3, 300 steps on seed
 * 1000, lowers its held-out loss by at least 10 % (a check that picks no rate; AA3 was retuned to
 * pass it before the run).
 */
export const ROUND_16_SPLIT = {
  development: [...ROUND_15_SPLIT.development, ...ROUND_15_SPLIT.test],
  test: [
    'double-helix',
    'disc-indicator-regression',
    'cnn-one-or-two-blobs',
    'mnist-mod-three',
    'argmax-index-regression',
    'finetune-coarser-labels',
    'sparse-continuous-inputs',
    'latent-sensors-regression',
    'cnn-bar-orientation',
    'max-input-block',
    'manifold-inputs-regression',
    'finetune-removed-inputs',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-17 split: development = the 174 tasks of rounds 1–16;
 * test = the twelve tasks AC1–AC6 and AD1–AD6 written and committed before the round-17 run and run
 * only for the final numbers, each admitted as in round 16 (Adam at 1e-3, 300 steps on seed 1000,
 * lowers its held-out loss by at least 10 %; AC3 was retuned to pass it before the run).
 */
export const ROUND_17_SPLIT = {
  development: [...ROUND_16_SPLIT.development, ...ROUND_16_SPLIT.test],
  test: [
    'majority-vote',
    'rational-regression',
    'cnn-plus-or-cross',
    'mnist-digit-value-regression',
    'soft-target-regression',
    'finetune-swapped-inputs',
    'interaction-table',
    'monkey-saddle-regression',
    'cnn-blob-centre',
    'mnist-blurred',
    'soft-and-regression',
    'finetune-added-classes',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-18 split: development = the 186 tasks of rounds 1–17; test = the twelve tasks AE1–AE6
 * and AF1–AF6 written and committed before the round-18 run and run only for the final numbers, each
 * admitted as in round 16 (Adam at 1e-3, 300 steps on seed 1000, lowers its held-out loss by at
 * least 10 %; AE3 was retuned to pass it before the run).
 */
export const ROUND_18_SPLIT = {
  development: [...ROUND_17_SPLIT.development, ...ROUND_17_SPLIT.test],
  test: [
    'input-rank-classes',
    'median-regression',
    'cnn-brighter-left',
    'mnist-salt-pepper',
    'rotated-vector-regression',
    'finetune-folded-target',
    'median-of-three',
    'wrapped-angle-regression',
    'cnn-correlation-direction',
    'mnist-top-half',
    'rare-feature-regression',
    'finetune-added-input',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-19 split: development = the 198 tasks of rounds 1–18; test = the twelve tasks AG1–AG6
 * and AH1–AH6 written and committed before the round-19 run and run only for the final numbers, each
 * admitted as in round 16 (Adam at 1e-3, 300 steps on seed 1000, lowers its held-out loss by at
 * least 10 %; every one passed as first written).
 */
export const ROUND_19_SPLIT = {
  development: [...ROUND_18_SPLIT.development, ...ROUND_18_SPLIT.test],
  test: [
    'multiplexer-classes',
    'triple-product-regression',
    'cnn-blob-width',
    'mnist-mirrored',
    'egg-crate-regression',
    'finetune-overfit',
    'spurious-shortcut',
    'noise-output-regression',
    'cnn-blob-on-border',
    'mnist-dimmed-held-out',
    'hidden-coin-regression',
    'finetune-skewed-classes',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-20 split: development = the 210 tasks of rounds 1–19; test = the twelve tasks AI1–AI6
 * and AJ1–AJ6 written and committed before the round-20 run and run only for the final numbers, each
 * admitted as in round 16 (Adam at 1e-3, 300 steps on seed 1000, lowers its held-out loss by at
 * least 10 %; AI3 was retuned to pass it before the run).
 */
export const ROUND_20_SPLIT = {
  development: [...ROUND_19_SPLIT.development, ...ROUND_19_SPLIT.test],
  test: [
    'sorted-triple-classes',
    'indefinite-quadratic-regression',
    'cnn-corner-or-line',
    'mnist-dilated',
    'log-cusp-regression',
    'finetune-other-half-space',
    'octant-classes',
    'cosine-similarity-regression',
    'cnn-checker-patch',
    'mnist-projections',
    'sign-changes-regression',
    'finetune-degraded-inputs',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-21 split: development = the 222 tasks of rounds 1–20; test = the twelve tasks AK1–AK6
 * and AL1–AL6 written and committed before the round-21 run (and before round 20's results were
 * read) and run only for the final numbers, each admitted as in round 16 (Adam at 1e-3, 300 steps on
 * seed 1000, lowers its held-out loss by at least 10 %; every one passed as first written).
 */
export const ROUND_21_SPLIT = {
  development: [...ROUND_20_SPLIT.development, ...ROUND_20_SPLIT.test],
  test: [
    'triangle-inequality-classes',
    'nearest-point-distance-regression',
    'cnn-broken-diagonal',
    'mnist-rolled-columns',
    'random-fourier-regression',
    'finetune-doubled-frequency',
    'top-pair-classes',
    'share-of-total-regression',
    'cnn-noise-level-regression',
    'mnist-edge-map',
    'max-drawdown-regression',
    'finetune-bent-boundary',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-22 split: development = the 234 tasks of rounds 1–21; test = the twelve tasks AM1–AM6
 * and AN1–AN6 written and committed before the round-22 run and run only for the final numbers, each
 * admitted as in round 16 (Adam at 1e-3, 300 steps on seed 1000, lowers its held-out loss by at least
 * 10 %; every one passed as first written).
 */
export const ROUND_22_SPLIT = {
  development: [...ROUND_21_SPLIT.development, ...ROUND_21_SPLIT.test],
  test: [
    'nearest-input-classes',
    'mixture-log-density-regression',
    'cnn-bar-thickness',
    'mnist-sorted-rows',
    'max-gap-regression',
    'finetune-turned-direction',
    'pareto-dominance-classes',
    'pair-distance-regression',
    'cnn-segment-length-regression',
    'mnist-cumulative-rows',
    'polynomial-evaluation-regression',
    'finetune-shifted-threshold',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/**
 * The round-23 split, the one the evaluation reports: development = the 246 tasks of rounds 1–22;
 * test = the twelve tasks AO1–AO6 and AP1–AP6 written and committed before the round-23 run and run
 * only for the final numbers, each admitted as in round 16 (Adam at 1e-3, 300 steps on seed 1000,
 * lowers its held-out loss by at least 10 %; AO3, AP3 and AP6 only after their data were retuned
 * under that rule alone, as their TSDoc says; the other nine passed as first written).
 */
export const TASK_SPLIT = {
  development: [...ROUND_22_SPLIT.development, ...ROUND_22_SPLIT.test],
  test: [
    'interval-overlap-classes',
    'rosenbrock-valley-regression',
    'cnn-patch-brightness-regression',
    'mnist-random-projection',
    'longest-run-regression',
    'finetune-longer-horizon',
    'point-in-circle-classes',
    'harmonic-mean-regression',
    'cnn-chevron-direction',
    'mnist-quarter-turns',
    'inversion-count-regression',
    'finetune-cnn-inverted-contrast',
  ],
} as const satisfies Record<'development' | 'test', readonly EvalTaskName[]>

/** The test set by the set of tasks it was written as, each also reported on its own. */
export const TEST_SETS = [
  { name: 'AO1–AO6', tasks: TASK_SPLIT.test.slice(0, 6) },
  { name: 'AP1–AP6', tasks: TASK_SPLIT.test.slice(6) },
] as const satisfies readonly { name: string; tasks: readonly EvalTaskName[] }[]

/** The seeded shuffle behind {@link ROUND_1_SPLIT}: Fisher–Yates with `SeededRandom(seed)`, first half = development. */
export function splitTasks(
  names: readonly string[],
  seed: number,
): { development: string[]; test: string[] } {
  const random = new SeededRandom(seed)
  const order = [...names]
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.integer(i + 1)
    const swap = order[i]!
    order[i] = order[j]!
    order[j] = swap
  }
  const half = Math.ceil(order.length / 2)
  return { development: order.slice(0, half), test: order.slice(half) }
}

/** Which half a task belongs to. */
export type SplitName = 'development' | 'test'

/** The half of `task` in {@link TASK_SPLIT}. */
export function splitOf(task: string): SplitName {
  return (TASK_SPLIT.development as readonly string[]).includes(task) ? 'development' : 'test'
}

/** One point of the ground-truth grid. */
export interface GridPoint {
  readonly learningRate: number
  readonly heldOutLosses: readonly number[]
  readonly meanLoss: number
}

/** Ground truth of one (task, optimizer) cell. */
export interface GridCell {
  readonly task: string
  readonly split: SplitName
  readonly optimizer: EvalOptimizer
  readonly grid: readonly GridPoint[]
  readonly bestLearningRate: number
  readonly bestLoss: number
  /** L0: the initial held-out loss, mean over the held-out seeds. */
  readonly initialLoss: number
  /** Learning rates whose seed-mean loss is within 10 % of L*. */
  readonly nearOptimal: readonly number[]
  /** The smallest grid rate whose mean loss is not finite or above the initial loss; null if none. */
  readonly divergenceEdge: number | null
}

/** One `findLearningRate` run. */
export interface FindRecord {
  readonly task: string
  readonly split: SplitName
  readonly optimizer: EvalOptimizer
  readonly finderSeed: number
  readonly learningRate: number | null
  readonly bracket: { readonly min: number; readonly max: number }
  readonly sweepStoppedBy: string
  /** Rung 0 was flat and a probe above the bracket raced (`FindLearningRateResult.flatRace`). */
  readonly flatRace: boolean
  /** Rung 0 was led by its lowest candidate and a probe below the bracket raced (`FindLearningRateResult.probedBelow`). */
  readonly probedBelow: boolean
  /** Rung 0 was led by its highest candidate and a probe above the bracket raced (`FindLearningRateResult.probedAbove`). */
  readonly probedAbove: boolean
  readonly steps: { readonly sweep: number; readonly race: number; readonly total: number }
  readonly candidates: readonly {
    readonly learningRate: number
    readonly score: number | null
    readonly steps: number
  }[]
  readonly lowConfidence: readonly string[]
}

/** The summary of one set of tasks (a half, or one round's part of the test half). */
export interface HalfReport {
  readonly split: SplitName
  /** The heading it is printed under. */
  readonly title: string
  /** The tasks it covers (those that ran). */
  readonly tasks: readonly string[]
  readonly summaries: readonly MethodSummary[]
  readonly target: TargetCheck
  /** Median regret of the rules of thumb minus that of `findLearningRate`, with its paired bootstrap 95 % CI. */
  readonly versusRulesOfThumb: {
    readonly difference: number
    readonly interval: readonly [number, number]
  } | null
  readonly findFlag: { readonly bad: FlagQuality; readonly catastrophic: FlagQuality }
  /** The reason pre-registered for round 20 ({@link finalistsTied}), alone and joined to `lowConfidence`. */
  readonly tieFlag: {
    readonly alone: { readonly bad: FlagQuality; readonly catastrophic: FlagQuality }
    readonly withLowConfidence: { readonly bad: FlagQuality; readonly catastrophic: FlagQuality }
  }
  readonly valleyFlag: { readonly bad: FlagQuality; readonly catastrophic: FlagQuality }
  /** Each method's catastrophic picks by how many grid rates of the pick's cell are safe ({@link catastrophicBySafeRates}). */
  readonly bySafeRates: readonly SafeRateRow[]
  /** The markdown results table. */
  readonly table: string
}

/** Everything {@link runLrFinderEvaluation} measured (also the JSON dump). */
export interface LrFinderEvaluationResult {
  readonly config: {
    readonly quick: boolean
    readonly finderSeeds: readonly number[]
    readonly heldOutSeeds: readonly number[]
    readonly trainingSteps: number
    readonly rangeTestSteps: number
    readonly grid: readonly number[]
    readonly sizes: TaskSizes
    readonly split: typeof TASK_SPLIT
    readonly findOptions: FindLearningRateOptions
    readonly tasks: readonly {
      readonly name: string
      readonly description: string
      readonly split: SplitName
    }[]
  }
  readonly cells: readonly GridCell[]
  readonly rangeTests: readonly {
    readonly task: string
    readonly optimizer: EvalOptimizer
    readonly finderSeed: number
    readonly stoppedBy: string
    readonly points: number
    readonly picks: Readonly<Record<string, number | null>>
    readonly lowConfidence: readonly string[]
  }[]
  readonly finds: readonly FindRecord[]
  readonly picks: readonly (ScoredPick & { readonly split: SplitName })[]
  /** The development and the (pooled) test half. */
  readonly halves: readonly HalfReport[]
  /** The test half by task set ({@link TEST_SETS}). */
  readonly testSets: readonly HalfReport[]
  readonly wallSeconds: number
}

interface RunOutcome {
  readonly loss: number
  readonly diverged: boolean
  /** The held-out loss before training. */
  readonly initial: number
}

/** The learning-rate grid: `perDecade` log-spaced points per decade from `low` to `high`. */
export function logGrid(low: number, high: number, perDecade: number): number[] {
  const decades = Math.round(Math.log10(high / low) * perDecade)
  return Array.from({ length: decades + 1 }, (_, i) => Number((low * 10 ** (i / perDecade)).toPrecision(6)))
}

/**
 * Trains `task` with `optimizer` on `seed` at a constant `learningRate` for `steps` steps and
 * returns the final held-out loss (Infinity when a training loss went non-finite), whether the
 * run diverged (non-finite, or ending above its initial held-out loss) and that initial loss.
 */
export function trainConstant(
  task: EvalTask,
  optimizer: EvalOptimizer,
  seed: number,
  learningRate: number,
  steps: number,
): RunOutcome {
  const trainable = createTaskTrainable(task, optimizer, seed)
  const initial = trainable.evaluateSync()
  for (let step = 0; step < steps; step++) {
    if (!Number.isFinite(trainable.trainStepSync(learningRate)))
      return { loss: Number.POSITIVE_INFINITY, diverged: true, initial }
  }
  const loss = trainable.evaluateSync()
  if (!Number.isFinite(loss)) return { loss: Number.POSITIVE_INFINITY, diverged: true, initial }
  return { loss, diverged: loss > initial, initial }
}

/** The same-compute searches: `@lrkit/core`'s random search and successive halving, configured to a step budget. */
interface SearchBaseline {
  readonly name: string
  run(createTrainable: () => TaskTrainable, seed: number, trainingSteps: number): Promise<SearchResult>
}

/** Learning-rate range the searches sample (log-uniform): the grid's range. */
const SEARCH_RANGE = { minValue: 1e-5, maxValue: 10 } as const

/**
 * At `findLearningRate`'s default compute (≤ 80 sweep + 368 race steps at B = 300, i.e. 1.49 B):
 * random search with 3 trials × 0.5 B steps, and successive halving with 9 trials, η = 3, rungs at
 * 0.1 B and 0.3 B steps (9 × 0.1 B + 3 × 0.2 B = 1.5 B). Trials are ranked by held-out loss
 * (`evaluate()`); the winner is then trained for B steps like any pick.
 */
const SEARCH_BASELINES: readonly SearchBaseline[] = [
  {
    name: 'random search (3 trials, equal compute)',
    run: (createTrainable, seed, trainingSteps) =>
      randomSearch({
        createTrainable,
        ...SEARCH_RANGE,
        trials: 3,
        budgetSteps: Math.round(0.5 * trainingSteps),
        seed,
      }),
  },
  {
    name: 'successive halving (9 trials, η = 3, equal compute)',
    run: (createTrainable, seed, trainingSteps) =>
      successiveHalving({
        createTrainable,
        ...SEARCH_RANGE,
        trials: 9,
        minSteps: Math.round(0.1 * trainingSteps),
        eta: 3,
        seed,
      }),
  },
]

/** The relative spread under which {@link finalistsTied} calls the race's finalists tied (3 %). */
export const FINALIST_TIE_TOLERANCE = 0.03

/**
 * A flag reason written down before round 20's run, reported beside `lowConfidence` and not part
 * of `findLearningRate`: true when the candidates trained the most steps (the race's finalists)
 * include at least two with finite scores and those scores lie within `tolerance` of each other
 * (max − min < tolerance · |min|) — the race could not separate them, as on round 18's rotated
 * vector and round 19's egg crate. On the 1188 development picks of rounds 1–18 it fires on 161
 * and covers 25 of the 51 catastrophic picks, 5 of them not flagged by `lowConfidence`. On round
 * 20's 72 test picks, its one run, it fired on 2 and covered 1 of the 11 catastrophic picks, one
 * that `lowConfidence` already flagged: it added no recall, so it stays out of `findLearningRate`
 * and the report keeps printing it. On round 21's, run after that decision, it fired on 6 and
 * covered 3 of the 6 catastrophic picks, none of them flagged by `lowConfidence`; round 22 decides
 * by the rule in docs/lr-finder-evaluation.md, fixed before its run. On round 22's it fired once,
 * on a catastrophic pick `lowConfidence` caught: by that rule it stays out. On round 23's it fired
 * on 2, neither of them catastrophic or bad.
 */
export function finalistsTied(
  candidates: FindRecord['candidates'],
  tolerance: number = FINALIST_TIE_TOLERANCE,
): boolean {
  if (candidates.length === 0) return false
  const mostSteps = Math.max(...candidates.map((candidate) => candidate.steps))
  const scores = candidates
    .filter((candidate) => candidate.steps === mostSteps)
    .map((candidate) => candidate.score)
    .filter((score): score is number => score !== null && Number.isFinite(score))
  if (scores.length < 2) return false
  const [low, high] = [Math.min(...scores), Math.max(...scores)]
  return high - low < tolerance * Math.abs(low)
}

/** The name of the reference row in the tables: the full grid, read on one held-out seed ({@link bestOnOneSeed}). */
export const ONE_SEED_GRID_METHOD = 'full grid, best rate on one held-out seed (reference)'

/**
 * The rate a full grid search picks when it sees one seed only: the grid point with the lowest
 * held-out loss on seed `seedIndex` (an index into each point's `heldOutLosses`; non-finite losses
 * never win; the first point wins a tie), or undefined when that seed's loss is non-finite at every
 * point. The evaluation scores it like every pick, on the mean over all held-out seeds, so it reads
 * its own seed's noise in its favour: a lower bound on how often seed noise alone makes a pick
 * catastrophic.
 */
export function bestOnOneSeed(points: readonly GridPoint[], seedIndex: number): number | undefined {
  let best: GridPoint | undefined
  for (const point of points) {
    const loss = point.heldOutLosses[seedIndex]
    if (loss === undefined || !Number.isFinite(loss)) continue
    if (best === undefined || loss < (best.heldOutLosses[seedIndex] as number)) best = point
  }
  return best?.learningRate
}

/** The name of the new method in the tables. */
export const FIND_METHOD = 'findLearningRate (range test + race)'
/** The name of the rules-of-thumb baseline in the tables. */
export const THUMB_METHOD = 'rules of thumb (SGD 1e-2, Adam 1e-3)'

async function writeJsonAtomically(path: string, value: unknown): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`
  await writeFile(
    temporary,
    `${JSON.stringify(value, (_key, item) => (typeof item === 'number' && !Number.isFinite(item) ? String(item) : item), 2)}\n`,
  )
  await rename(temporary, path)
}

/**
 * Runs the evaluation and logs the markdown report: per half (development, test), one results
 * table (median regret vs best-of-grid with its bootstrap 95 % CI, IQR, hit rate within 10 %,
 * catastrophic count, |log10 error|, cost vs the grid) per method; `findLearningRate` against the
 * rules of thumb (paired bootstrap CI of the difference of median regrets); recall and precision of
 * the confidence flags; and the target as PASS/FAIL on each half.
 *
 * Cost: each task × 2 optimizers × (25 grid + ≈ 25 pick) learning rates × 3 held-out seeds × 300
 * steps, plus range tests, `findLearningRate` runs and searches — ≈ 100 minutes on 2 cores (round
 * 20's 222 tasks took 5825 s); `quick` (1 seed, 100 steps, a 2-per-decade grid, smaller tasks)
 * ≈ 7 minutes (417 s for round 18's 198 tasks).
 *
 * @param options - see {@link LrFinderEvaluationOptions}.
 * @returns The {@link LrFinderEvaluationResult}.
 */
export async function runLrFinderEvaluation(
  options: LrFinderEvaluationOptions,
): Promise<LrFinderEvaluationResult> {
  const started = performance.now()
  const record = optionsObject('options', options)
  knownKeys('runLrFinderEvaluation', record, ['quick', 'seeds', 'log', 'jsonPath', 'tasks', 'findOptions'])
  const quick = record.quick === undefined ? false : booleanValue('quick', record.quick)
  const seedCount = record.seeds === undefined ? (quick ? 1 : 3) : positiveInteger('seeds', record.seeds)
  const log = functionValue<(line: string) => void>('log', record.log)
  if (record.jsonPath !== undefined && (typeof record.jsonPath !== 'string' || record.jsonPath === '')) {
    throw new InvalidArgumentError({
      argument: 'jsonPath',
      value: record.jsonPath,
      expected: 'a non-empty path string',
    })
  }
  const findOptions = (record.findOptions ?? {}) as FindLearningRateOptions
  const trainingSteps = quick ? 100 : 300
  const rangeTestSteps = 100
  const grid = quick ? logGrid(1e-5, 10, 2) : logGrid(1e-5, 10, 4)
  const sizes: TaskSizes = quick
    ? { trainCount: 500, validationCount: 250, mnistTrainPerDigit: 50, mnistValidationPerDigit: 25 }
    : DEFAULT_TASK_SIZES
  const finderSeeds = Array.from({ length: seedCount }, (_, i) => i)
  const heldOutSeeds = Array.from({ length: seedCount }, (_, i) => 1000 + i)
  if (
    record.tasks !== undefined &&
    !(
      Array.isArray(record.tasks) &&
      record.tasks.length > 0 &&
      record.tasks.every((name) => (EVAL_TASK_NAMES as readonly unknown[]).includes(name))
    )
  ) {
    throw new InvalidArgumentError({
      argument: 'tasks',
      value: record.tasks,
      expected: `a non-empty array of ${EVAL_TASK_NAMES.join(', ')}`,
    })
  }
  const tasks = createEvalTasks(
    sizes,
    (record.tasks as readonly EvalTaskName[] | undefined) ?? EVAL_TASK_NAMES,
  )
  const gridStepsPerSeed = grid.length * trainingSteps

  log(
    `lr-finder evaluation: ${tasks.length} tasks × ${EVAL_OPTIMIZERS.length} optimizers, grid ${grid.length} points ` +
      `${grid[0]}…${grid[grid.length - 1]}, B = ${trainingSteps} constant-LR steps, finder seeds ${finderSeeds.join(',')}, ` +
      `held-out seeds ${heldOutSeeds.join(',')}`,
  )
  log(`development set: ${TASK_SPLIT.development.join(', ')}`)
  log(`test set (new in round 23, run once): ${TASK_SPLIT.test.join(', ')}`)

  const cache = new Map<string, RunOutcome>()
  const run = (task: EvalTask, optimizer: EvalOptimizer, seed: number, learningRate: number): RunOutcome => {
    const key = `${task.name}|${optimizer}|${seed}|${learningRate}`
    let outcome = cache.get(key)
    if (outcome === undefined) {
      outcome = trainConstant(task, optimizer, seed, learningRate, trainingSteps)
      cache.set(key, outcome)
    }
    return outcome
  }

  const cells: GridCell[] = []
  const rangeTests: LrFinderEvaluationResult['rangeTests'][number][] = []
  const finds: FindRecord[] = []
  const picks: (ScoredPick & { readonly split: SplitName })[] = []
  for (const task of tasks) {
    const split = splitOf(task.name)
    for (const optimizer of EVAL_OPTIMIZERS) {
      const cellStart = performance.now()
      // Ground truth on the held-out seeds.
      const points: GridPoint[] = grid.map((learningRate) => {
        const outcomes = heldOutSeeds.map((seed) => run(task, optimizer, seed, learningRate))
        const heldOutLosses = outcomes.map((outcome) => outcome.loss)
        const meanLoss = heldOutLosses.reduce((sum, loss) => sum + loss, 0) / heldOutLosses.length
        return { learningRate, heldOutLosses, meanLoss }
      })
      let best = points[0]!
      for (const point of points) if (point.meanLoss < best.meanLoss) best = point
      const edge = points.find(
        (point, index) =>
          index > points.indexOf(best) &&
          heldOutSeeds.some((seed) => run(task, optimizer, seed, point.learningRate).diverged),
      )
      const initialLoss =
        heldOutSeeds.reduce((sum, seed) => sum + run(task, optimizer, seed, grid[0]!).initial, 0) /
        heldOutSeeds.length
      const cell: GridCell = {
        task: task.name,
        split,
        optimizer,
        grid: points,
        bestLearningRate: best.learningRate,
        bestLoss: best.meanLoss,
        initialLoss,
        nearOptimal: points
          .filter((point) => point.meanLoss <= best.meanLoss * 1.1)
          .map((point) => point.learningRate),
        divergenceEdge: edge?.learningRate ?? null,
      }
      cells.push(cell)

      const score = (
        method: string,
        finderSeed: number,
        learningRate: number | undefined,
        searchSteps: number,
      ): void => {
        const outcomes =
          learningRate === undefined
            ? []
            : heldOutSeeds.map((seed) => run(task, optimizer, seed, learningRate))
        const heldOutLosses = outcomes.map((outcome) => outcome.loss)
        const meanLoss =
          learningRate === undefined
            ? Number.POSITIVE_INFINITY
            : heldOutLosses.reduce((sum, loss) => sum + loss, 0) / heldOutLosses.length
        picks.push({
          method,
          split,
          task: task.name,
          optimizer,
          finderSeed,
          learningRate,
          searchSteps,
          trainingSteps,
          heldOutLosses,
          meanLoss,
          bestLoss: cell.bestLoss,
          bestLearningRate: cell.bestLearningRate,
          initialLoss: cell.initialLoss,
          regret: pickRegret(meanLoss, cell.bestLoss, cell.initialLoss),
          relativeRegret: (meanLoss - cell.bestLoss) / cell.bestLoss,
          diverged: learningRate === undefined || outcomes.some((outcome) => outcome.diverged),
          gridStepsPerSeed,
        })
      }

      for (const finderSeed of finderSeeds) {
        // The new method, with its defaults (or the development-half tuning options).
        const found = await findLearningRate(createTaskTrainable(task, optimizer, finderSeed), findOptions)
        score(FIND_METHOD, finderSeed, found.learningRate, found.steps.total)
        finds.push({
          task: task.name,
          split,
          optimizer,
          finderSeed,
          learningRate: found.learningRate ?? null,
          bracket: found.bracket,
          sweepStoppedBy: found.sweep.stoppedBy,
          flatRace: found.flatRace,
          probedBelow: found.probedBelow,
          probedAbove: found.probedAbove,
          steps: found.steps,
          candidates: found.candidates.map((candidate) => ({
            learningRate: candidate.learningRate,
            score: candidate.score,
            steps: candidate.steps,
          })),
          lowConfidence: found.lowConfidence?.reasons ?? [],
        })
        // Range test with the defaults of runRangeTest, on the finder seed: every rule.
        const result = await runRangeTest(createTaskTrainable(task, optimizer, finderSeed), {
          steps: rangeTestSteps,
        })
        const rangeTestCost = result.points.length + (result.stoppedBy === 'nonFinite' ? 1 : 0)
        const pickedRates: Record<string, number | null> = {}
        for (const rule of SUGGESTION_RULES) {
          const learningRate = result.picks[rule].learningRate
          pickedRates[rule] = learningRate ?? null
          score(
            rule === result.options.rule ? `${rule} (runRangeTest default)` : rule,
            finderSeed,
            learningRate,
            rangeTestCost,
          )
        }
        rangeTests.push({
          task: task.name,
          optimizer,
          finderSeed,
          stoppedBy: result.stoppedBy,
          points: result.points.length,
          picks: pickedRates,
          lowConfidence: result.lowConfidence?.reasons ?? [],
        })
        // Searches at findLearningRate's compute.
        for (const baseline of SEARCH_BASELINES) {
          // A different sampling seed per cell and finder seed, so the cells do not share trial rates.
          const searchSeed = (cells.length - 1) * 1009 + finderSeed
          const search = await baseline.run(
            () => createTaskTrainable(task, optimizer, finderSeed),
            searchSeed,
            trainingSteps,
          )
          score(baseline.name, finderSeed, search.best?.learningRate, search.totalSteps)
        }
        // The rules of thumb (no search): SGD-momentum 1e-2, Adam 1e-3.
        score(THUMB_METHOD, finderSeed, optimizer === 'adam' ? 1e-3 : 1e-2, 0)
      }
      // The reference: the full grid read on one held-out seed, one pick per seed (its index in the
      // finderSeed field); its last run is the final run, so it spends the grid's steps less one run.
      heldOutSeeds.forEach((_, seedIndex) => {
        score(
          ONE_SEED_GRID_METHOD,
          seedIndex,
          bestOnOneSeed(points, seedIndex),
          gridStepsPerSeed - trainingSteps,
        )
      })
      log(
        `  [${split === 'development' ? 'dev' : 'test'}] ${task.name} / ${optimizer}: best lr ${cell.bestLearningRate} ` +
          `(L* ${cell.bestLoss.toPrecision(4)}, first diverging grid lr ${cell.divergenceEdge ?? 'none'}), ` +
          `findLearningRate picks ${finds
            .slice(-finderSeeds.length)
            .map((find) => (find.learningRate === null ? 'none' : find.learningRate.toPrecision(2)))
            .join(', ')}, ${((performance.now() - cellStart) / 1000).toFixed(1)} s`,
      )
    }
  }

  const key = (pick: { task: string; optimizer: string; finderSeed: number }) =>
    `${pick.task}|${pick.optimizer}|${pick.finderSeed}`
  const halves: HalfReport[] = []
  const findFlagged = new Set(finds.filter((find) => find.lowConfidence.length > 0).map(key))
  const valleyFlagged = new Set(rangeTests.filter((test) => test.lowConfidence.length > 0).map(key))
  const tieFlagged = new Set(finds.filter((find) => finalistsTied(find.candidates)).map(key))
  const eitherFlagged = new Set([...findFlagged, ...tieFlagged])
  const summarize = (
    title: string,
    taskNames: readonly string[],
    split: SplitName,
  ): HalfReport | undefined => {
    const own = picks.filter((pick) => taskNames.includes(pick.task))
    if (own.length === 0) return undefined
    const summaries = summarizeMethods(own)
    const findSummary = summaries.find((summary) => summary.method === FIND_METHOD)!
    const target = checkTarget(findSummary)
    const findPicks = own.filter((pick) => pick.method === FIND_METHOD)
    const thumbByKey = new Map(
      own.filter((pick) => pick.method === THUMB_METHOD).map((pick) => [key(pick), pick]),
    )
    const versus =
      findPicks.length > 0
        ? bootstrapMedianDifference(
            findPicks.map((pick) => thumbByKey.get(key(pick))!.regret),
            findPicks.map((pick) => pick.regret),
          )
        : null
    const flagFor = (list: readonly ScoredPick[], flaggedKeys: Set<string>) => ({
      bad: flagQuality(
        list.map((pick) => flaggedKeys.has(key(pick))),
        list.map(isBad),
      ),
      catastrophic: flagQuality(
        list.map((pick) => flaggedKeys.has(key(pick))),
        list.map(isCatastrophic),
      ),
    })
    const valleyPicks = own.filter((pick) => pick.method === 'valley (runRangeTest default)')
    const table = formatSummaryTable(summaries)
    const half: HalfReport = {
      split,
      title,
      tasks: [...new Set(own.map((pick) => pick.task))],
      summaries,
      target,
      versusRulesOfThumb: versus,
      findFlag: flagFor(findPicks, findFlagged),
      tieFlag: {
        alone: flagFor(findPicks, tieFlagged),
        withLowConfidence: flagFor(findPicks, eitherFlagged),
      },
      valleyFlag: flagFor(valleyPicks, valleyFlagged),
      bySafeRates: catastrophicBySafeRates(own, cells),
      table,
    }
    log('')
    log(`### ${title} (${half.tasks.join(', ')})`)
    log('')
    log(table)
    log('')
    if (versus !== null) {
      const beats = versus.interval[0] > 0
      log(
        `${FIND_METHOD} vs ${THUMB_METHOD}: median regret difference ${(versus.difference * 100).toFixed(1)} points ` +
          `(paired bootstrap 95 % CI ${(versus.interval[0] * 100).toFixed(1)} … ${(versus.interval[1] * 100).toFixed(1)}): ` +
          `${beats ? 'better by more than the CI' : 'NOT better by more than the CI'}.`,
      )
    }
    log(
      `findLearningRate lowConfidence: ${half.findFlag.bad.flagged} of ${findPicks.length} flagged; bad picks (catastrophic or ` +
        `regret > 25 %): ${formatFlagQuality(half.findFlag.bad)}; catastrophic: ${formatFlagQuality(half.findFlag.catastrophic)}.`,
    )
    log(
      `Pre-registered for round 20, finalists within ${FINALIST_TIE_TOLERANCE * 100} % (not in findLearningRate): ` +
        `${half.tieFlag.alone.bad.flagged} of ${findPicks.length} flagged; bad picks ${formatFlagQuality(half.tieFlag.alone.bad)}; ` +
        `catastrophic ${formatFlagQuality(half.tieFlag.alone.catastrophic)}. With lowConfidence: ` +
        `${half.tieFlag.withLowConfidence.bad.flagged} flagged; bad picks ${formatFlagQuality(half.tieFlag.withLowConfidence.bad)}; ` +
        `catastrophic ${formatFlagQuality(half.tieFlag.withLowConfidence.catastrophic)}.`,
    )
    log(
      `runRangeTest lowConfidence for valley: bad picks ${formatFlagQuality(half.valleyFlag.bad)}; catastrophic ` +
        `${formatFlagQuality(half.valleyFlag.catastrophic)}.`,
    )
    log(target.line)
    log('')
    log(
      `Catastrophic picks by how many of the ${grid.length} grid rates of the pick's cell are safe (would not be ` +
        'catastrophic picks):',
    )
    log('')
    log(formatSafeRateTable(half.bySafeRates))
    log('')
    log(`${FIND_METHOD} by cell:`)
    log('')
    log(formatCellTable(FIND_METHOD, own))
    return half
  }
  for (const [split, title, taskNames] of [
    ['development', 'Development set', TASK_SPLIT.development],
    ['test', 'Test set (pooled: the goal is decided here)', TASK_SPLIT.test],
  ] as const) {
    const half = summarize(title, taskNames, split)
    if (half !== undefined) halves.push(half)
  }
  const testSets: HalfReport[] = []
  for (const set of TEST_SETS) {
    const half = summarize(`Test set, ${set.name} only`, set.tasks, 'test')
    if (half !== undefined) testSets.push(half)
  }
  const wallSeconds = (performance.now() - started) / 1000
  log('')
  log(
    `Constant-LR recipe, B = ${trainingSteps} steps; regret = (L(pick) − L*)/max(L*, L0/100) on held-out seeds ` +
      `((L − L*)/L* beside it); catastrophic = no pick, diverged, regret ≥ 100 %, or < 10 % of L0 − L* recovered; ` +
      `cost = (search steps + B) / (${grid.length} grid points × B).`,
  )
  log(`Wall time: ${wallSeconds.toFixed(1)} s`)

  const result: LrFinderEvaluationResult = {
    config: {
      quick,
      finderSeeds,
      heldOutSeeds,
      trainingSteps,
      rangeTestSteps,
      grid,
      sizes,
      split: TASK_SPLIT,
      findOptions,
      tasks: tasks.map((task) => ({
        name: task.name,
        description: task.description,
        split: splitOf(task.name),
      })),
    },
    cells,
    rangeTests,
    finds,
    picks,
    halves,
    testSets,
    wallSeconds,
  }
  if (typeof record.jsonPath === 'string') {
    await writeJsonAtomically(record.jsonPath, result)
    log(`Raw results: ${record.jsonPath}`)
  }
  return result
}
