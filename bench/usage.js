'use strict';
/**
 * Preloaded into every Node process a benchmark starts (`NODE_OPTIONS=--require …/usage.js`,
 * inherited by npm, npx, cdk8s and the processes they start): at exit, each appends its own CPU
 * time and peak RSS (`process.resourceUsage()`) as one JSON line to `$BENCH_USAGE_FILE`. The
 * benchmark adds the CPU times and takes the largest RSS: what the command cost, all processes.
 */
const fs = require('fs');

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    fs.appendFileSync(file, `${JSON.stringify({ pid: process.pid, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssKb: u.maxRSS })}\n`);
  });
}
