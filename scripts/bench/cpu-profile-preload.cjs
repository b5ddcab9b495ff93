// Preloaded into `next start` by bench:profile (NODE_OPTIONS=--require; Node refuses
// --cpu-prof there). SIGUSR2 starts sampling this process's CPU; the next SIGUSR2 stops
// and writes the profile to $CPU_PROFILE_DIR/<pid>.cpuprofile. Only the measured load is
// in it: not the start, the warm-up or the shutdown.
const inspector = require("node:inspector");
const fs = require("node:fs");
const path = require("node:path");

const dir = process.env.CPU_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: 500 });
  let running = false;
  process.on("SIGUSR2", () => {
    if (!running) {
      running = true;
      session.post("Profiler.start");
      return;
    }
    running = false;
    session.post("Profiler.stop", (error, result) => {
      const file = path.join(dir, `${process.pid}.cpuprofile`);
      fs.writeFileSync(file, error ? "" : JSON.stringify(result.profile));
    });
  });
}
