// Preloaded into a test server (NODE_OPTIONS=--require): any request the server makes to
// a host other than loopback is logged as "[outbound] <url>" and refused, so a test can
// prove that a page or image needs nothing from the network.
const http = require("node:http");
const https = require("node:https");

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1)$/;

function refuse(url) {
  process.stderr.write(`[outbound] ${url}\n`);
  return new Error(`outbound request refused in tests: ${url}`);
}

const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
  // data: and blob: URLs (next/og loads its wasm that way) are not the network.
  if (/^(https?|wss?):$/.test(url.protocol) && !LOOPBACK.test(url.hostname)) {
    throw refuse(url.href);
  }
  return realFetch(input, init);
};

for (const mod of [http, https]) {
  const realRequest = mod.request;
  mod.request = function request(...args) {
    const first = args[0];
    const host =
      typeof first === "string" || first instanceof URL
        ? new URL(first).hostname
        : (first?.hostname ?? first?.host ?? "localhost");
    if (!LOOPBACK.test(String(host).replace(/:\d+$/, ""))) throw refuse(String(host));
    return realRequest.apply(this, args);
  };
}
