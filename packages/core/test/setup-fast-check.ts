/**
 * Property tests run with a fixed fast-check seed so CI is deterministic. Explore new inputs with
 * `FC_SEED=random pnpm test:unit` (or any number); a failure prints the seed and path to replay it.
 */
import fc from 'fast-check'

const requested = process.env.FC_SEED
if (requested !== 'random') {
  const seed = requested === undefined ? 20_261_128 : Number(requested)
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer or "random", got ${requested}`)
  fc.configureGlobal({ seed })
}
