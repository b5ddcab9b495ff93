// Opens and migrates the database when the server starts, so that a broken
// DATABASE_URL or a locked embedded database fails the start, not the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this file too; it must not open a database.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // Before any request: per-address limits need the socket's peer (client-address.ts).
  const { installPeerAddressHook } = await import("@/lib/http/peer-address-hook");
  installPeerAddressHook();
  const { getDb } = await import("@/db/client");
  await getDb();
  // Graceful shutdown, in `next start` and the standalone server.js alike: this process
  // takes SIGTERM and SIGINT over from Next (lib/lifecycle/signals.ts says why). Not in
  // `next dev`, whose own handlers also stop its file watchers and workers.
  if (process.env.NODE_ENV === "production") {
    const { installShutdownHandlers } = await import("@/lib/lifecycle/signals");
    installShutdownHandlers();
  }
}
