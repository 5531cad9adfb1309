/**
 * Preloaded into a child process by the bench (`node -r out/scripts/bench/rusage.js …`): when the
 * process exits, writes its resource use (peak RSS in KB, user and system CPU in µs) as JSON to the
 * file named by BENCH_RUSAGE_FILE. The program itself runs unchanged.
 */
import * as fs from "fs";

const file = process.env.BENCH_RUSAGE_FILE;
if (file) {
  process.on("exit", () => {
    const r = process.resourceUsage();
    fs.writeFileSync(file, JSON.stringify({ maxRssKb: r.maxRSS, userUs: r.userCPUTime, systemUs: r.systemCPUTime }));
  });
}
