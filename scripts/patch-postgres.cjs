// Patches postgres.js 3.4.9 after install (npm's postinstall): when a connection closes,
// the driver cancels its pending write but keeps the unsent bytes, and every later
// connection sends them first, so PostgreSQL refuses it ("invalid length of startup
// packet") and requests answer 503 for ~15 s after the database is back, not 1 s.
// Upstream: porsager/postgres#1208 (fix in PRs #1209, #1215). Measured here by
// `npm run test:faults`. Remove once a release carries the fix.
const fs = require("node:fs");
const path = require("node:path");

// The package's exports hide package.json: found from its main entry (cjs/src/index.js).
const root = path.resolve(path.dirname(require.resolve("postgres")), "../..");
const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
const CLEAR = "    clearImmediate(nextWriteTimer)\n";
const FIXED = `${CLEAR}    chunk = nextWriteTimer = null\n`;

if (version !== "3.4.9") {
  console.warn(`[patch-postgres] postgres ${version}, not 3.4.9: not patched; check #1208`);
} else {
  for (const file of ["cjs/src/connection.js", "src/connection.js", "cf/src/connection.js"]) {
    const full = path.join(root, file);
    if (!fs.existsSync(full)) continue;
    const source = fs.readFileSync(full, "utf8");
    if (source.includes(FIXED)) continue;
    // In terminate() and closed(): the two places a connection is let go.
    const count = source.split(CLEAR).length - 1;
    if (count !== 2) throw new Error(`[patch-postgres] ${file}: expected 2 sites, found ${count}`);
    fs.writeFileSync(full, source.replaceAll(CLEAR, FIXED));
    console.info(`[patch-postgres] patched ${file}`);
  }
}
