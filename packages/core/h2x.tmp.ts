import { oneCycleSchedule } from './src/schedules/one-cycle-schedule'
const P = 1.256825972239388e-294
const s = oneCycleSchedule({ peakValue: P, totalSteps: 10, pctStart: 0.15, divFactor: 0.5, finalDivFactor: 0.5, annealStrategy: 'linear' })
const v = s(3.978285522325588e-7)
console.log(v, P/0.5, P/0.5/0.5, v / (P/0.5))
const s2 = oneCycleSchedule({ peakValue: 1, totalSteps: 10, pctStart: 0.15, divFactor: 0.5, finalDivFactor: 0.5, annealStrategy: 'linear' })
console.log(s2(3.978285522325588e-7), s2(0))
