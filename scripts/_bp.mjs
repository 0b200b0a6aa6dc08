import fs from 'node:fs'
import path from 'node:path'
import {createEngine} from '../dist/index.js'
const dir=process.argv[2]; const names=fs.readdirSync(dir).sort()
let size=0; const inputs=[]
for (const n of names){ if(size>=3e6) break; const text=fs.readFileSync(path.join(dir,n),'utf8'); inputs.push({path:n,text}); size+=Buffer.byteLength(text)}
const engine=createEngine({config:{}, only:(process.argv[3]||'boilerplate').split(',')})
engine.check(inputs)
const t=performance.now(); engine.check(inputs); console.log((performance.now()-t).toFixed(0))
