/**
 * Imported first by main.ts, before the modules whose functions it concerns are evaluated. V8
 * optimises a function once it has run a budget of its own bytecode (66 KB by default, a few
 * times over); the gateway's functions run a few hundred bytes per request, so they stayed in the
 * interpreter and the baseline compiler for thousands of calls (an hour or more of a studio's
 * use). Measured after 700 proxied calls (--trace-opt): 19 functions optimised, few of the
 * request path's; with the budget at 8 KB the whole path was, and the gateway's added latency
 * fell by 0.1-0.2 ms (BENCHMARKS.md). The cost is more compiling early on, on V8's background
 * thread. `node --v8-options` lists the flag.
 */
import { setFlagsFromString } from 'node:v8'

const INTERRUPT_BUDGET_BYTES = 8 * 1024

setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET_BYTES}`)
