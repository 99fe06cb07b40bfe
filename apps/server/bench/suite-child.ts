/**
 * Runs one suite in a process of its own, so that a suite that runs out of time can be
 * stopped with everything it started (workers, servers, browsers). main.ts starts it;
 * with HAVEN_BENCH_NETNS=1 it runs in a fresh network namespace (`unshare --net`) whose
 * only interface is loopback, brought up here: WebRTC clients and browsers gather
 * candidates on every interface they see, and there they see only 127.0.0.1.
 * Usage: node suite-child.js SUITE RESULT_FILE
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { resolveWorkerBin } from './lib/worker-bin.js';
import { suiteById } from './suites/index.js';

process.env['MEDIASOUP_WORKER_BIN'] ??= resolveWorkerBin();
const [id, resultFile] = process.argv.slice(2);
if (!id || !resultFile) throw new Error('usage: suite-child.js SUITE RESULT_FILE');
if (process.env['HAVEN_BENCH_NETNS'] === '1') execFileSync('ip', ['link', 'set', 'lo', 'up']);
const suite = suiteById(id);
const result = await (await suite.load())();
fs.writeFileSync(resultFile, JSON.stringify(result));
process.exit(0);
