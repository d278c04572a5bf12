import * as tf from '@tensorflow/tfjs-core';
import { initBackend, jets } from '@lnn/autodiff';
import { trainFromPositions, eulerLagrange, MlpLagrangian } from '../dist/index.js';
await initBackend();
function osc(a0,b0){ const a=tf.variable(tf.scalar(a0)), b=tf.variable(tf.scalar(b0));
 const lagrangian={dof:1, jet:(x)=>{const q=jets.slice(x,0,1), v=jets.slice(x,1,1); return jets.sub(jets.scale(jets.square(v), tf.mul(a,0.5)), jets.scale(jets.square(q), tf.mul(b,0.5)));}};
 return {kind:'o',dof:1,extraDim:0,variables:[a,b],config:{},lagrangian,a,b,accelerations:(q,v)=>eulerLagrange(lagrangian,q,v,{inverse:'solve'}),dispose(){}}; }
const omega=2, dt=0.1, count=32, length=12; const positions=new Float64Array(count*length);
let s=1; const rnd=()=>{s=(s*16807)%2147483647; return s/2147483647;};
for(let c=0;c<count;c++){const A=0.5+rnd(), ph=6.28*rnd(); for(let k=0;k<length;k++) positions[c*length+k]=A*Math.cos(omega*k*dt+ph);}
const data={positions,trajectories:count,dt};
for (const [method, steps, lr, rate] of [['discrete-euler-lagrange',200,0.05,0.01],['discrete-euler-lagrange',150,0.1,0.001],['trajectory',150,0.1,0.001]]) {
 for (const [a0,b0] of [[0.6,1.9],[1.8,0.7],[1,1]]) {
  const m=osc(a0,b0); const t=performance.now();
  const r=trainFromPositions(m,data,{method,steps,batchSize:32,schedule:{kind:'exponential',initial:lr,rate,steps}});
  const w=Math.sqrt(m.b.dataSync()[0]/m.a.dataSync()[0]);
  console.log(method,steps,lr,rate,a0,b0,'omega',w.toFixed(5),'ms/step',((performance.now()-t)/steps).toFixed(2),'skipped',r.skipped);
 }
}
