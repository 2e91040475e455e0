import { build } from 'esbuild'
const entry = process.argv[2]
const r = await build({ stdin: { contents: `import { cosineSchedule } from '@lrkit/core'; console.log(cosineSchedule({ initValue: 1, totalSteps: 10 })(3))`, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, write: false, format: 'esm', minifyWhitespace: true, minifySyntax: true, treeShaking: true, alias: { '@lrkit/core': entry }, logLevel: 'silent', metafile: true })
const t = r.outputFiles[0].text
console.log('len', t.length, ['ZodError','reduceOnPlateau','createScheduler','adamOptimizer','WebAssembly'].filter(s=>t.includes(s)))
const m = r.metafile.outputs[Object.keys(r.metafile.outputs)[0]].inputs
console.log(Object.entries(m).map(([k,v])=>k+' '+v.bytesInOutput).join('\n'))
if (process.argv[3]) (await import('node:fs')).writeFileSync(process.argv[3], t)
