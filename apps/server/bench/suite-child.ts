/**
 * Runs one suite inside a private network namespace (started by main.ts with
 * `unshare --net`), where the only interface is loopback: WebRTC clients and browsers
 * gather candidates on every interface they see, and here they see only 127.0.0.1.
 * Usage: node isolated.js SUITE RESULT_FILE
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { resolveWorkerBin } from './lib/worker-bin.js';
import { suiteById } from './suites/index.js';

process.env['MEDIASOUP_WORKER_BIN'] ??= resolveWorkerBin();
const [id, resultFile] = process.argv.slice(2);
if (!id || !resultFile) throw new Error('usage: isolated.js SUITE RESULT_FILE');
execFileSync('ip', ['link', 'set', 'lo', 'up']);
const suite = suiteById(id);
const result = await (await suite.load())();
fs.writeFileSync(resultFile, JSON.stringify(result));
process.exit(0);
