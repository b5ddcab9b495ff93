import { expect, test } from "@playwright/test";
import { shareChatOverHttp } from "../tests/support/share-over-http";
import { startVarnish, type Varnish, varnishPort } from "../tests/support/varnish";
import { copyBuild, createDatabase, type Server, startServer } from "./support/servers";

// The edge cache as shipped (deploy/varnish/): one Varnish in front of two app instances
// on one PostgreSQL database, each instance purging it by tag (EDGE_PURGE_URLS). Shared
// pages come from Varnish; a write through either instance is seen through Varnish at the
// very next request; nobody's private page is ever stored or served to someone else.

test.describe.configure({ mode: "serial" });
// Needs varnishd and varnish-modules (xkey), as the deployment does: .ci/run installs them,
// and without them deploy/varnish/run.sh fails saying so.

let db: Awaited<ReturnType<typeof createDatabase>>;
let builds: ReturnType<typeof copyBuild>[] = [];
let a: Server;
let b: Server;
let edge: Varnish;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  db = await createDatabase();
  const port = await varnishPort();
  // A repeat purge a second later would hide a missing first one: off here.
  const env = {
    DATABASE_URL: db.url,
    EDGE_PURGE_URLS: `http://127.0.0.1:${port}`,
    EDGE_PURGE_REPEAT_MS: "0",
  };
  builds = [copyBuild("edge-a"), copyBuild("edge-b")];
  [a, b] = (await Promise.all(
    builds.map((build) => startServer({ ...env, NEXT_DIST_DIR: build.distDir })),
  )) as [Server, Server];
  edge = await startVarnish({ port, backends: [a.url, b.url] });
});

test.afterAll(async () => {
  await edge?.stop();
  await Promise.all([a?.stop(), b?.stop()]);
  await db?.drop();
  for (const build of builds) build.remove();
});

const sharedChat = (base: string) =>
  shareChatOverHttp(base, {
    title: "Learning to knit",
    messages: [
      { message_type: "user", content: "How do I cast on?" },
      { message_type: "assistant", content: "Start with a **long-tail cast on**." },
    ],
  });

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${edge.url}${path}`, { headers });
const page = (shareId: string) => get(`/chatbot/share/${shareId}`);
const api = (shareId: string) => get(`/api/chats/share/${shareId}`);

test("a shared page, its API answer and its image come from the edge, compressed, without their tags", async () => {
  const { shareId } = await sharedChat(a.url);
  const first = await page(shareId);
  expect(first.status).toBe(200);
  expect(first.headers.get("x-cache")).toBe("MISS");
  const second = await page(shareId);
  expect(second.headers.get("x-cache")).toBe("HIT");
  expect(await second.text()).toContain("Learning to knit");
  expect(second.headers.get("content-encoding")).toBe("gzip");
  // The keys are the edge's business; browsers still revalidate.
  for (const name of ["xkey", "cache-tag", "surrogate-key"])
    expect(second.headers.get(name)).toBeNull();
  expect(second.headers.get("cache-control")).toContain("max-age=0");

  // A client that takes no gzip gets the page as it is, from a copy of its own.
  const plain = { "accept-encoding": "identity" };
  await get(`/chatbot/share/${shareId}`, plain);
  const identity = await get(`/chatbot/share/${shareId}`, plain);
  expect(identity.headers.get("x-cache")).toBe("HIT");
  expect(identity.headers.get("content-encoding")).toBeNull();
  expect(await identity.text()).toContain("Learning to knit");

  // Made-up queries do not get past the cache.
  expect((await get(`/chatbot/share/${shareId}?utm_source=x`)).headers.get("x-cache")).toBe("HIT");

  await api(shareId);
  const fromEdge = await api(shareId);
  expect(fromEdge.headers.get("x-cache")).toBe("HIT");
  expect((await fromEdge.json()).title).toBe("Learning to knit");

  const html = await (await page(shareId)).text();
  const image = html.match(/property="og:image" content="https?:\/\/[^/"]+([^"]+)"/)?.[1];
  expect(image).toBeTruthy();
  const imagePath = (image ?? "").replaceAll("&amp;", "&");
  await get(imagePath);
  const cachedImage = await get(imagePath);
  expect(cachedImage.status).toBe(200);
  expect(cachedImage.headers.get("content-type")).toBe("image/png");
  expect(cachedImage.headers.get("x-cache")).toBe("HIT");
});

test("unshare, re-share, a new message and delete, through either instance, show through the edge at once", async ({
  request,
}) => {
  const { id, shareId, cookie } = await sharedChat(a.url);
  const warm = async () => {
    await page(shareId);
    expect((await page(shareId)).headers.get("x-cache")).toBe("HIT");
    await api(shareId);
    expect((await api(shareId)).headers.get("x-cache")).toBe("HIT");
  };
  const share = (server: Server, isShared: boolean) =>
    request.post(`${server.url}/api/chats/${id}/share`, {
      data: { is_shared: isShared },
      headers: { cookie },
    });

  await warm();
  expect((await share(b, false)).status()).toBe(200);
  expect((await page(shareId)).status).toBe(404);
  expect((await api(shareId)).status).toBe(404);
  // The not-found page is cached too, and purged like the rest.
  await page(shareId);

  expect((await share(a, true)).status()).toBe(200);
  const back = await page(shareId);
  expect(back.status).toBe(200);
  expect(back.headers.get("x-cache")).toBe("MISS");

  await warm();
  const saved = await request.post(`${a.url}/api/chats/${id}/message`, {
    data: { message_type: "assistant", content: "Then practise the knit stitch." },
    headers: { cookie },
  });
  expect(saved.status()).toBe(201);
  expect(await (await page(shareId)).text()).toContain("Then practise the knit stitch.");
  expect(JSON.stringify(await (await api(shareId)).json())).toContain("knit stitch");

  const renamed = await request.patch(`${b.url}/api/chats/${id}`, {
    data: { title: "Knitting, week one" },
    headers: { cookie },
  });
  expect(renamed.status()).toBe(200);
  expect(await (await page(shareId)).text()).toContain("Knitting, week one");

  await warm();
  expect((await request.delete(`${b.url}/api/chats/${id}`, { headers: { cookie } })).status()).toBe(
    204,
  );
  expect((await page(shareId)).status).toBe(404);
  expect((await api(shareId)).status).toBe(404);
});

for (const owner of ["a guest", "a signed-in user"] as const) {
  test(`${owner}'s requests are never stored, nor served to anyone else`, async () => {
    // A discoverable chat is made by an account (shareChatOverHttp signs one up): its
    // cookie is then a session, else a guest's.
    const { id, shareId, cookie } = await shareChatOverHttp(b.url, {
      title: "Learning to knit",
      messages: [
        { message_type: "user", content: "How do I cast on?" },
        { message_type: "assistant", content: "Start with a **long-tail cast on**." },
      ],
      discoverable: owner === "a signed-in user",
    });
    expect(cookie).toMatch(owner === "a guest" ? /skillmate_guest=/ : /authjs\.session-token/);

    // The owner's own chat page, twice through the edge: passed, and never to a stranger.
    for (let i = 0; i < 2; i++) {
      const own = await get(`/chatbot/c/${id}`, { cookie });
      expect(own.status).toBe(200);
      expect(own.headers.get("x-cache")).toBe("PASS");
      expect(await own.text()).toContain("Learning to knit");
    }
    // (A streamed page: its status is sent before the chat is looked up, so "not found" is
    // in the page, as the chatbot spec checks in a browser.)
    const stranger = await get(`/chatbot/c/${id}`);
    expect(stranger.headers.get("x-cache")).toBe("PASS");
    const seen = await stranger.text();
    expect(seen).toContain("Chat not found");
    expect(seen).not.toContain("long-tail cast on");

    // A share page asked for with a session or guest cookie passes, and fills nothing.
    for (const sessionCookie of [
      cookie,
      "authjs.session-token=anything",
      "__Secure-authjs.session-token.0=x",
    ]) {
      expect(
        (
          await page(shareId).then(() =>
            get(`/chatbot/share/${shareId}`, { cookie: sessionCookie }),
          )
        ).headers.get("x-cache"),
      ).toBe("PASS");
    }
    // The API outside the public endpoint is never cached, whoever asks.
    const list = await get("/api/chats/", { cookie });
    expect(list.headers.get("x-cache")).toBe("PASS");
    expect(await list.text()).toContain(id);
    const anonymous = await get("/api/chats/");
    expect(anonymous.headers.get("x-cache")).toBe("PASS");
    expect(await anonymous.text()).not.toContain(id);
  });
}

test("a purge names its keys; a key nothing carries purges nothing", async () => {
  const purge = await fetch(`${edge.url}/`, {
    method: "PURGE",
    headers: { "xkey-purge": "share:x" },
  });
  // From the app's host, which may purge.
  expect(purge.status).toBe(200);
  const bare = await fetch(`${edge.url}/`, { method: "PURGE" });
  expect(bare.status).toBe(400);
});
