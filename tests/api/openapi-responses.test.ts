import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import { describe, expect, test, vi } from "vitest";
import * as catchAllRoute from "@/app/api/[...path]/route";
import * as accountExportRoute from "@/app/api/account/export/route";
import * as accountPasswordRoute from "@/app/api/account/password/route";
import * as accountRoute from "@/app/api/account/route";
import * as signOutEverywhereRoute from "@/app/api/account/sign-out-everywhere/route";
import * as chatbotRoute from "@/app/api/chatbot/route";
import * as branchRoute from "@/app/api/chats/[id]/branch/route";
import * as exportRoute from "@/app/api/chats/[id]/export/route";
import * as messageRoute from "@/app/api/chats/[id]/message/route";
import * as messagesRoute from "@/app/api/chats/[id]/messages/route";
import * as chatRoute from "@/app/api/chats/[id]/route";
import * as shareCheckRoute from "@/app/api/chats/[id]/share/check/route";
import * as rotateRoute from "@/app/api/chats/[id]/share/rotate/route";
import * as shareRoute from "@/app/api/chats/[id]/share/route";
import * as updateSnapshotRoute from "@/app/api/chats/[id]/share/update/route";
import * as archiveAllRoute from "@/app/api/chats/archive-all/route";
import * as createWithMessagesRoute from "@/app/api/chats/create-with-messages/route";
import * as deleteAllRoute from "@/app/api/chats/delete-all/route";
import * as importRoute from "@/app/api/chats/import/route";
import * as listRoute from "@/app/api/chats/route";
import * as searchRoute from "@/app/api/chats/search/route";
import * as continueRoute from "@/app/api/chats/share/[shareId]/continue/route";
import * as sharedRoute from "@/app/api/chats/share/[shareId]/route";
import * as unarchiveAllRoute from "@/app/api/chats/unarchive-all/route";
import * as unshareAllRoute from "@/app/api/chats/unshare-all/route";
import * as readyRoute from "@/app/api/health/ready/route";
import * as healthRoute from "@/app/api/health/route";
import * as openApiRoute from "@/app/api/openapi.json/route";
import * as registerRoute from "@/app/api/register/route";
import { updateOwnedChat } from "@/db/queries/chats";
import { openApiDocument } from "@/lib/openapi";
import { guest, nobody, signedInUser, type TestCaller } from "../helpers/callers";
import { type Call, callRoute, uniqueEmail } from "../helpers/http";
import { stubInstantOfflineAssistant } from "../helpers/offline-assistant";

/** The Cookie header a browser would send after a response's Set-Cookie headers. */
const cookieHeaderFrom = (headers: Headers) =>
  headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .join("; ");

// Real responses of the route handlers, called in-process against the test database,
// checked against the OpenAPI document: each status must be documented for its
// operation, each body must match the schema documented for that status (Ajv 2020-12,
// `$ref`s read against the document's components), each required header be there. 405s
// (methods a path does not list) and the catch-all's 404 must be the documented Error.

// Outside Next's request scope `after()` throws: its tasks are run by the test instead.
const { afterTasks, mockAfter, runAfterTasks } = await vi.hoisted(
  () => import("../helpers/after-tasks"),
);
vi.mock("next/server", mockAfter);
// Outside Next, a "use cache" function is a plain call, where cacheTag and cacheLife
// throw: no-ops here (the cached HTTP side of the shared read is tested in e2e).
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  cacheTag: () => {},
  cacheLife: () => {},
}));

stubInstantOfflineAssistant();

type Handler = Parameters<typeof callRoute>[0];
type RouteModule = Record<string, unknown>;
type Method = "GET" | "POST" | "PATCH" | "DELETE" | "PUT";

const doc = openApiDocument();
type DocResponse = {
  description: string;
  headers?: Record<string, { required?: boolean; schema: Record<string, unknown> }>;
  content?: Record<string, { schema: Record<string, unknown> }>;
};
type DocOperation = { responses: Record<string, DocResponse> };
const docPaths = doc.paths as unknown as Record<string, Record<string, unknown>>;
const OPERATION_KEYS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const documentedMethods = (path: string) =>
  Object.keys(docPaths[path] ?? {})
    .filter((key) => OPERATION_KEYS.includes(key))
    .map((key) => key.toUpperCase());

// The handlers of each documented path.
const routes: Record<string, RouteModule> = {
  "/api/chats/": listRoute,
  "/api/chats/create-with-messages/": createWithMessagesRoute,
  "/api/chats/{id}/": chatRoute,
  "/api/chats/{id}/messages/": messagesRoute,
  "/api/chats/{id}/message/": messageRoute,
  "/api/chats/{id}/branch/": branchRoute,
  "/api/chats/{id}/share/": shareRoute,
  "/api/chats/{id}/share/check/": shareCheckRoute,
  "/api/chats/{id}/share/rotate/": rotateRoute,
  "/api/chats/{id}/share/update/": updateSnapshotRoute,
  "/api/chats/share/{share_id}/": sharedRoute,
  "/api/chats/share/{share_id}/continue/": continueRoute,
  "/api/chats/unshare-all/": unshareAllRoute,
  "/api/chats/archive-all/": archiveAllRoute,
  "/api/chats/unarchive-all/": unarchiveAllRoute,
  "/api/chats/delete-all/": deleteAllRoute,
  "/api/chats/search/": searchRoute,
  "/api/chats/{id}/export/": exportRoute,
  "/api/account/export/": accountExportRoute,
  "/api/chats/import/": importRoute,
  "/api/register/": registerRoute,
  "/api/account/": accountRoute,
  "/api/account/password/": accountPasswordRoute,
  "/api/account/sign-out-everywhere/": signOutEverywhereRoute,
  "/api/chatbot/": chatbotRoute,
  "/api/openapi.json": openApiRoute,
  "/api/health/": healthRoute,
  "/api/health/ready/": readyRoute,
};

const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
ajv.addSchema({ $id: "doc", components: doc.components });
const compiled = new Map<string, ValidateFunction>();

/** Ajv's verdict on a value against a schema of the document. */
function validate(schema: unknown, value: unknown, label: string) {
  const text = JSON.stringify(schema).replaceAll('"#/components/', '"doc#/components/');
  let check = compiled.get(text);
  if (!check) {
    check = ajv.compile(JSON.parse(text));
    compiled.set(text, check);
  }
  expect(
    check(value),
    `${label}: ${JSON.stringify(value).slice(0, 500)}\ndoes not match the document: ${ajv.errorsText(check.errors)}`,
  ).toBe(true);
}

const errorSchema = { $ref: "#/components/schemas/Error" };

/** The documented operations a real response was checked for, with its status. */
const checked = new Set<string>();

/** Checks a response against the document; answers its body (JSON, or stream events). */
async function check(method: Method, path: string, response: Response): Promise<unknown> {
  const label = `${method} ${path} ${response.status}`;
  const operation = docPaths[path]?.[method.toLowerCase()] as DocOperation | undefined;
  expect(operation, `${method} ${path} is not in the document`).toBeDefined();
  const documented = operation?.responses[String(response.status)];
  expect(
    documented,
    `${label}: status not documented (the document lists ${Object.keys(operation?.responses ?? {})})`,
  ).toBeDefined();
  if (!documented) return;
  checked.add(`${method} ${path}`);

  for (const [name, header] of Object.entries(documented.headers ?? {})) {
    const value = response.headers.get(name);
    if (value === null) {
      expect(header.required, `${label}: required header ${name} missing`).not.toBe(true);
      continue;
    }
    if (name.toLowerCase() === "set-cookie") continue; // one header per cookie
    validate(header.schema, header.schema.type === "integer" ? Number(value) : value, name);
  }

  const text = await response.text();
  if (!documented.content) {
    expect(text, `${label}: a body where the document has none`).toBe("");
    return undefined;
  }
  const type = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
  const media = documented.content[type];
  expect(media, `${label}: content type "${type}" not documented`).toBeDefined();
  if (!media) return;
  if (type === "application/json") {
    const body = JSON.parse(text);
    validate(media.schema, body, label);
    return body;
  }
  if (type === "text/event-stream") return serverSentEvents(text, label);
  if (type === "text/markdown") return text;
  if (type === "application/x-ndjson") return ndjsonLines(text, label);
  throw new Error(`${label}: no check for ${type}`);
}

/** The `data:` of each event of an AI SDK UI message stream, as the document describes it. */
function serverSentEvents(text: string, label: string): { type: string }[] {
  const events = text
    .split("\n\n")
    .filter((event) => event.trim() !== "")
    .map((event) => {
      expect(event, `${label}: an event without data`).toMatch(/^data: /);
      return event.slice("data: ".length);
    });
  expect(events.at(-1), `${label}: the stream does not end with [DONE]`).toBe("[DONE]");
  const chunks = events.slice(0, -1).map((data) => JSON.parse(data) as { type: string });
  for (const chunk of chunks)
    expect(typeof chunk.type, `${label}: a chunk without a type`).toBe("string");
  return chunks;
}

/** An NDJSON export's lines, each checked against the schema its `type` names. */
function ndjsonLines(text: string, label: string): { type: string }[] {
  expect(text.endsWith("\n"), `${label}: the last line is not ended`).toBe(true);
  const lines = text
    .slice(0, -1)
    .split("\n")
    .map((line) => JSON.parse(line) as { type: string });
  const schemaOf: Record<string, string> = {
    "skillmate.export": "ExportHeader",
    chat: "ExportChat",
    end: "ExportEnd",
  };
  expect(lines[0]?.type, `${label}: the first line is not the header`).toBe("skillmate.export");
  expect(lines.at(-1)?.type, `${label}: the last line is not the end`).toBe("end");
  for (const line of lines) {
    const name = schemaOf[line.type];
    expect(name, `${label}: a line of type ${line.type}`).toBeDefined();
    validate({ $ref: `#/components/schemas/${name}` }, line, `${label} ${line.type} line`);
  }
  return lines;
}

type Request = Omit<Call, "path" | "method" | "params"> & {
  params?: Record<string, string>;
  query?: string;
  as?: TestCaller;
};

/** Calls the handler of a documented operation, as Next would, and checks its response. */
async function call(method: Method, path: string, request: Request = {}) {
  const { params = {}, query = "", as = nobody, ...rest } = request;
  const handler = routes[path]?.[method] as Handler | undefined;
  if (!handler) throw new Error(`no ${method} handler for ${path}`);
  const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${path}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
  // The document's path parameters are snake_case; the route folders' are camelCase.
  const nextParams = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [
      k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()),
      v,
    ]),
  );
  const response = await callRoute(handler, {
    ...rest,
    method,
    path: `${url}${query}`,
    params: nextParams,
    headers: { ...as.headers, ...rest.headers },
  });
  const status = response.status;
  const headers = response.headers;
  const body = await check(method, path, response);
  // biome-ignore lint/suspicious/noExplicitAny: bodies are read as the test sees fit
  return { status, headers, body: body as any };
}

const msg = (content: string, type: "user" | "assistant" = "user") => ({
  id: crypto.randomUUID(),
  message_type: type,
  content,
});
const json = { "content-type": "application/json" };

async function newChat(as: TestCaller, body: object = {}) {
  const created = await call("POST", "/api/chats/", { as, body });
  expect(created.status).toBe(201);
  return created.body as { id: string; share_id: string; messages: { id: string }[] };
}

describe("real responses match the OpenAPI document", () => {
  test("the test has the handlers of every documented path", () => {
    expect(Object.keys(routes).sort()).toEqual(Object.keys(doc.paths).sort());
  });

  test("chats: create, list, read, rename, delete", async () => {
    const user = await signedInUser("openapi");
    const created = await newChat(user, { title: "First", messages: [msg("Hello")] });
    await newChat(user);

    const page = await call("GET", "/api/chats/", { as: user, query: "?limit=1" });
    expect(page.status).toBe(200);
    expect(page.body.next_cursor).toEqual(expect.any(String));
    const next = await call("GET", "/api/chats/", {
      as: user,
      query: `?limit=1&cursor=${encodeURIComponent(page.body.next_cursor)}`,
    });
    expect(next.body.results).toHaveLength(1);
    expect((await call("GET", "/api/chats/", { as: nobody })).body).toEqual({
      results: [],
      next_cursor: null,
    });

    const read = await call("GET", "/api/chats/{id}/", { as: user, params: { id: created.id } });
    expect(read.body.messages).toHaveLength(1);

    const renamed = await call("PATCH", "/api/chats/{id}/", {
      as: user,
      params: { id: created.id },
      body: { title: "Renamed", is_discoverable: true },
    });
    expect(renamed.status).toBe(200);

    const deleted = await call("DELETE", "/api/chats/{id}/", {
      as: user,
      params: { id: created.id },
    });
    expect(deleted.status).toBe(204);
    const gone = await call("GET", "/api/chats/{id}/", { as: user, params: { id: created.id } });
    expect(gone.status).toBe(404);

    const archived = await call("POST", "/api/chats/archive-all/", { as: user });
    expect(archived.body).toEqual({ archived: 1 });
    const unarchived = await call("POST", "/api/chats/unarchive-all/", { as: user });
    expect(unarchived.body).toEqual({ unarchived: 1 });
    const all = await call("POST", "/api/chats/delete-all/", { as: user });
    expect(all.body).toEqual({ deleted: 1 });
    expect((await call("GET", "/api/chats/", { as: user })).body.results).toEqual([]);
  });

  test("a visitor's first write: a chat and a guest cookie", async () => {
    const created = await call("POST", "/api/chats/", { body: {} });
    expect(created.status).toBe(201);
    expect(created.headers.getSetCookie().join()).toContain("skillmate_guest=");
    const bulk = await call("POST", "/api/chats/create-with-messages/", {
      body: { title: "Bulk", messages: [msg("one"), msg("two", "assistant")] },
    });
    expect(bulk.status).toBe(201);
    expect(bulk.body.messages).toHaveLength(2);
  });

  test("messages: one, several, and a message id of another chat", async () => {
    const owner = guest("openapi");
    const chat = await newChat(owner);
    const one = msg("single");
    const saved = await call("POST", "/api/chats/{id}/message/", {
      as: owner,
      params: { id: chat.id },
      body: one,
    });
    expect(saved.status).toBe(201);
    expect(saved.body.id).toBe(one.id);
    const again = await call("POST", "/api/chats/{id}/message/", {
      as: owner,
      params: { id: chat.id },
      body: one,
    });
    expect(again.status).toBe(201);

    const many = await call("POST", "/api/chats/{id}/messages/", {
      as: owner,
      params: { id: chat.id },
      body: { messages: [one, msg("answer", "assistant")] },
    });
    expect(many.status).toBe(201);
    expect(many.body.messages).toHaveLength(2);
    const found = await call("GET", "/api/chats/search/", { as: owner, query: "?q=single" });
    expect(found.status).toBe(200);
    // The message, and the title it gave the chat.
    expect(found.body.results.map((r: { message_id: string | null }) => r.message_id)).toEqual([
      null,
      one.id,
    ]);
    const junk = await call("GET", "/api/chats/search/", { as: owner, query: "?q=" });
    expect(junk.status).toBe(400);

    const other = await newChat(owner);
    for (const [path, body] of [
      ["/api/chats/{id}/message/", one],
      ["/api/chats/{id}/messages/", { messages: [one] }],
    ] as const) {
      const taken = await call("POST", path, { as: owner, params: { id: other.id }, body });
      expect(taken.status).toBe(409);
      expect(taken.body.error.code).toBe("conflict");
    }
    const created = await call("POST", "/api/chats/", { as: owner, body: { messages: [one] } });
    expect(created.status).toBe(409);
  });

  test("branch: a new chat up to a message; a message not in the chat; a stranger", async () => {
    const owner = guest("openapi-branch");
    const question = msg("Branch here");
    const chat = await newChat(owner, { messages: [question, msg("Reply", "assistant")] });
    const branch = await call("POST", "/api/chats/{id}/branch/", {
      as: owner,
      params: { id: chat.id },
      body: { through: question.id },
    });
    expect(branch.status).toBe(201);
    expect(branch.body.messages).toHaveLength(1);
    const gone = await call("POST", "/api/chats/{id}/branch/", {
      as: owner,
      params: { id: chat.id },
      body: { through: crypto.randomUUID() },
    });
    expect(gone.status).toBe(409);
    const stranger = await call("POST", "/api/chats/{id}/branch/", {
      as: guest("openapi-branch-stranger"),
      params: { id: chat.id },
      body: { through: question.id },
    });
    expect(stranger.status).toBe(404);
    const junk = await call("POST", "/api/chats/{id}/branch/", {
      as: owner,
      params: { id: chat.id },
      body: { through: "first" },
    });
    expect(junk.status).toBe(400);
  });

  test("sharing: the privacy check, toggle, the public read, continue, unshare", async () => {
    const owner = await signedInUser("openapi-share");
    const chat = await newChat(owner, { messages: [msg("Shared question")] });
    const clean = await call("GET", "/api/chats/{id}/share/check/", {
      as: owner,
      params: { id: chat.id },
    });
    expect(clean.body).toEqual({ findings: [], scanned_messages: 1 });
    const risky = await newChat(owner, {
      title: "Contact",
      messages: [msg("Mail me: jane.doe@gmail.com")],
    });
    const found = await call("GET", "/api/chats/{id}/share/check/", {
      as: owner,
      params: { id: risky.id },
    });
    expect(found.body.findings).toHaveLength(1);
    const missing = await call("GET", "/api/chats/{id}/share/check/", {
      as: await signedInUser("openapi-share-other"),
      params: { id: chat.id },
    });
    expect(missing.status).toBe(404);
    const shared = await call("POST", "/api/chats/{id}/share/", {
      as: owner,
      params: { id: chat.id },
      body: {},
    });
    expect(shared.body).toMatchObject({ is_shared: true, share_id: chat.share_id });

    const read = await call("GET", "/api/chats/share/{share_id}/", {
      params: { share_id: chat.share_id },
    });
    expect(read.status).toBe(200);
    expect(read.body.messages).toHaveLength(1);

    const copy = await call("POST", "/api/chats/share/{share_id}/continue/", {
      params: { share_id: chat.share_id },
    });
    expect(copy.status).toBe(201);
    expect(copy.body.id).not.toBe(chat.id);

    const expiring = await call("POST", "/api/chats/{id}/share/", {
      as: owner,
      params: { id: chat.id },
      body: { expires_in: 3600 },
    });
    expect(expiring.body.share_expires_at).not.toBeNull();
    await updateOwnedChat({
      id: chat.id,
      owner: { userId: owner.userId },
      changes: { shareExpiresAt: new Date(Date.now() - 1000) },
    });
    const gone = await call("GET", "/api/chats/share/{share_id}/", {
      params: { share_id: chat.share_id },
    });
    expect(gone.status).toBe(410);
    const continueGone = await call("POST", "/api/chats/share/{share_id}/continue/", {
      params: { share_id: chat.share_id },
    });
    expect(continueGone.status).toBe(410);
    const rotated = await call("POST", "/api/chats/{id}/share/rotate/", {
      as: owner,
      params: { id: chat.id },
    });
    expect(rotated.body.share_id).not.toBe(chat.share_id);
    const rotated404 = await call("POST", "/api/chats/{id}/share/rotate/", {
      params: { id: chat.id },
    });
    expect(rotated404.status).toBe(404);

    const liveUpdate = await call("POST", "/api/chats/{id}/share/update/", {
      as: owner,
      params: { id: chat.id },
      body: {},
    });
    expect(liveUpdate.status).toBe(409);
    const snapshot = await call("POST", "/api/chats/{id}/share/", {
      as: owner,
      params: { id: chat.id },
      body: { mode: "snapshot", redact: "all" },
    });
    expect(snapshot.body).toMatchObject({ share_mode: "snapshot", is_shared: true });
    const updated = await call("POST", "/api/chats/{id}/share/update/", {
      as: owner,
      params: { id: chat.id },
      body: { redact: [] },
    });
    expect(updated.body.share_mode).toBe("snapshot");
    const notAFinding = await call("POST", "/api/chats/{id}/share/update/", {
      as: owner,
      params: { id: chat.id },
      body: { redact: [{ message_id: null, start: 0, end: 1 }] },
    });
    expect(notAFinding.body.error.issues[0].path).toBe("redact.0");
    const updated404 = await call("POST", "/api/chats/{id}/share/update/", {
      params: { id: chat.id },
      body: {},
    });
    expect(updated404.status).toBe(404);
    const flagged = await call("GET", "/api/chats/{id}/share/check/", {
      as: owner,
      params: { id: risky.id },
    });
    expect(flagged.body.findings[0].redacted).toBe(false);

    const unshared = await call("POST", "/api/chats/{id}/share/", {
      as: owner,
      params: { id: chat.id },
      body: { is_shared: false },
    });
    expect(unshared.body).toMatchObject({ is_shared: false, share_url: null });
    const sharedOnly = await call("GET", "/api/chats/", { as: owner, query: "?shared=true" });
    expect(sharedOnly.body.results).toEqual([]);
    const none = await call("POST", "/api/chats/unshare-all/", { as: owner });
    expect(none.body).toEqual({ unshared: 0 });
    for (const shareId of [chat.share_id, "not-a-share-id"]) {
      const read404 = await call("GET", "/api/chats/share/{share_id}/", {
        params: { share_id: shareId },
      });
      expect(read404.status).toBe(404);
      const continue404 = await call("POST", "/api/chats/share/{share_id}/continue/", {
        params: { share_id: shareId },
      });
      expect(continue404.status).toBe(404);
    }
  });

  test("exports: one chat as Markdown or JSON, every chat as NDJSON", async () => {
    const owner = guest("openapi-export");
    const chat = await newChat(owner, { title: "Export me", messages: [msg("Hello")] });
    for (const query of ["", "?format=markdown", "?format=json"]) {
      const file = await call("GET", "/api/chats/{id}/export/", {
        as: owner,
        params: { id: chat.id },
        query,
      });
      expect(file.status, query).toBe(200);
      expect(file.headers.get("content-disposition"), query).toMatch(/^attachment; filename=/);
    }
    const stranger = await call("GET", "/api/chats/{id}/export/", {
      as: guest("openapi-export-other"),
      params: { id: chat.id },
    });
    expect(stranger.status).toBe(404);
    const badFormat = await call("GET", "/api/chats/{id}/export/", {
      as: owner,
      params: { id: chat.id },
      query: "?format=pdf",
    });
    expect(badFormat.status).toBe(400);

    const all = await call("GET", "/api/account/export/", { as: owner });
    expect(all.status).toBe(200);
    expect(all.body.map((line: { type: string }) => line.type)).toEqual([
      "skillmate.export",
      "chat",
      "end",
    ]);
    expect((await call("GET", "/api/account/export/", { as: nobody })).body).toHaveLength(2);
    const badQuery = await call("GET", "/api/account/export/", { as: owner, query: "?limit=5" });
    expect(badQuery.status).toBe(400);
  });

  test("import: an export read back, a malformed file, another media type", async () => {
    const from = guest("openapi-import-from");
    await newChat(from, { title: "Import me", messages: [msg("Hello")] });
    const exported = await callRoute(accountExportRoute.GET, {
      path: "/api/account/export/",
      headers: from.headers,
    });
    const ndjson = await exported.text();
    const ndjsonType = { "content-type": "application/x-ndjson" };
    // A visitor: a guest identity comes with the import.
    const first = await call("POST", "/api/chats/import/", {
      rawBody: ndjson,
      headers: ndjsonType,
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ imported: 1, messages: 1 });
    expect(first.headers.getSetCookie().some((c) => c.startsWith("skillmate_guest="))).toBe(true);
    const to = guest("openapi-import-to");
    await call("POST", "/api/chats/import/", { as: to, rawBody: ndjson, headers: ndjsonType });
    const again = await call("POST", "/api/chats/import/", {
      as: to,
      rawBody: ndjson,
      headers: ndjsonType,
    });
    expect(again.body).toMatchObject({ imported: 0, skipped: [{ reason: "already_imported" }] });
    const malformed = await call("POST", "/api/chats/import/", {
      as: to,
      rawBody: "[1]",
      headers: json,
    });
    expect(malformed.status).toBe(400);
    const html = await call("POST", "/api/chats/import/", {
      as: to,
      rawBody: "<p>",
      headers: { "content-type": "text/html" },
    });
    expect(html.status).toBe(415);
  });

  test("register: 201 signed in, 409 for a taken email, 400 for a bad one", async () => {
    const email = uniqueEmail("openapi");
    const visitor = guest("openapi-register");
    await newChat(visitor);
    const created = await call("POST", "/api/register/", {
      as: visitor,
      body: { email, password: "long enough", name: "Ann" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), email, name: "Ann" });
    const taken = await call("POST", "/api/register/", {
      body: { email, password: "long enough" },
    });
    expect(taken.status).toBe(409);
    const bad = await call("POST", "/api/register/", {
      body: { email: "nope", password: "short" },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation_error");
  });

  test("the account: read, change, password, sign out everywhere, delete; an ended session is 401", async () => {
    const user = await signedInUser("openapi-account");
    expect((await call("GET", "/api/account/", { as: user })).status).toBe(200);
    expect((await call("GET", "/api/account/", { as: guest("openapi-account") })).status).toBe(401);
    const renamed = await call("PATCH", "/api/account/", { as: user, body: { name: "Renamed" } });
    expect(renamed.status).toBe(200);
    const other = await signedInUser("openapi-account-other");
    const taken = await call("PATCH", "/api/account/", { as: user, body: { email: other.email } });
    expect(taken.status).toBe(409);
    const wrong = await call("POST", "/api/account/password/", {
      as: user,
      body: { current_password: "not it", new_password: "a new long one" },
    });
    expect(wrong.status).toBe(400);
    const changed = await call("POST", "/api/account/password/", {
      as: user,
      body: { current_password: "long enough", new_password: "a new long one" },
    });
    expect(changed.status).toBe(200);
    // The cookie the change was made with has ended: on any route that reads the caller.
    expect((await call("GET", "/api/chats/", { as: user })).status).toBe(401);
    const fresh = { label: "fresh", headers: { cookie: cookieHeaderFrom(changed.headers) } };
    expect((await call("POST", "/api/account/sign-out-everywhere/", { as: fresh })).status).toBe(
      204,
    );
    const again = await signedInUser("openapi-account-delete");
    const refused = await call("DELETE", "/api/account/", { as: again, body: { password: "no" } });
    expect(refused.status).toBe(400);
    const deleted = await call("DELETE", "/api/account/", {
      as: again,
      body: { password: "long enough" },
    });
    expect(deleted.status).toBe(204);
  });

  test("the assistant: a UI message stream, then the reply is stored", async () => {
    const owner = guest("openapi-chatbot");
    const chat = await newChat(owner);
    const assistantId = crypto.randomUUID();
    const message = { id: crypto.randomUUID(), content: "What is recursion?" };
    const streamed = await call("POST", "/api/chatbot/", {
      as: owner,
      body: { chat_id: chat.id, message, assistant_id: assistantId },
    });
    expect(streamed.status).toBe(200);
    const chunks = streamed.body as { type: string; delta?: string; messageMetadata?: unknown }[];
    expect(chunks[0]).toMatchObject({ type: "start", messageMetadata: { assistantId } });
    expect(chunks.some((c) => c.type === "text-delta" && c.delta)).toBe(true);
    expect(chunks.map((c) => c.type)).not.toContain("error");
    await runAfterTasks();

    const stored = await call("GET", "/api/chats/{id}/", { as: owner, params: { id: chat.id } });
    expect(stored.body.messages.map((m: { id: string }) => m.id)).toEqual([
      message.id,
      assistantId,
    ]);

    const someoneElses = await call("POST", "/api/chatbot/", {
      as: guest("openapi-other"),
      body: { chat_id: chat.id, assistant_id: crypto.randomUUID() },
    });
    expect(someoneElses.status).toBe(404);
    const invalid = await call("POST", "/api/chatbot/", {
      as: owner,
      body: { chat_id: "nope", assistant_id: assistantId },
    });
    expect(invalid.status).toBe(400);
    const taken = await call("POST", "/api/chatbot/", {
      as: owner,
      body: {
        chat_id: (await newChat(owner)).id,
        message,
        assistant_id: crypto.randomUUID(),
      },
    });
    expect(taken.status).toBe(409);
    expect(afterTasks).toEqual([]);
  });

  test("health: liveness and readiness, never cached", async () => {
    const live = await call("GET", "/api/health/");
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: "ok" });
    const ready = await call("GET", "/api/health/ready/");
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe("ready");
    for (const response of [live, ready]) {
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.getSetCookie()).toEqual([]);
    }
  });

  test("the document serves itself", async () => {
    const served = await call("GET", "/api/openapi.json");
    expect(served.status).toBe(200);
    expect(served.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  test.each([
    ["invalid JSON", { rawBody: "{not json", headers: json }, 400, "invalid_json"],
    ["an unknown field", { body: { title: "x", owner: "me" } }, 400, "validation_error"],
    [
      "a form body",
      { rawBody: "title=x", headers: { "content-type": "application/x-www-form-urlencoded" } },
      415,
      "unsupported_media_type",
    ],
    [
      "a body over 1 MiB",
      { body: { messages: [msg("x".repeat(1024 * 1024))] } },
      413,
      "payload_too_large",
    ],
    [
      "a cross-site request",
      { body: {}, headers: { origin: "https://evil.example" } },
      403,
      "forbidden",
    ],
  ] as const)("POST /api/chats/ refuses %s", async (_, request, status, code) => {
    const refused = await call("POST", "/api/chats/", request);
    expect(refused.status).toBe(status);
    expect(refused.body.error.code).toBe(code);
  });

  test("the errors of reads and of writes to a chat that is not the caller's", async () => {
    const owner = guest("openapi-errors");
    const chat = await newChat(owner);
    const stranger = guest("openapi-stranger");
    const notFound = [
      await call("GET", "/api/chats/{id}/", { as: stranger, params: { id: chat.id } }),
      await call("GET", "/api/chats/{id}/", { as: owner, params: { id: "not-a-uuid" } }),
      await call("PATCH", "/api/chats/{id}/", {
        as: stranger,
        params: { id: chat.id },
        body: { title: "mine" },
      }),
      await call("DELETE", "/api/chats/{id}/", { as: stranger, params: { id: chat.id } }),
      await call("POST", "/api/chats/{id}/share/", {
        as: stranger,
        params: { id: chat.id },
        body: {},
      }),
      await call("POST", "/api/chats/{id}/messages/", {
        as: stranger,
        params: { id: chat.id },
        body: { messages: [msg("x")] },
      }),
      await call("POST", "/api/chats/{id}/message/", {
        as: stranger,
        params: { id: chat.id },
        body: msg("x"),
      }),
    ];
    expect(notFound.map((r) => r.status)).toEqual(notFound.map(() => 404));

    const invalid = [
      await call("GET", "/api/chats/", { as: owner, query: "?limit=0" }),
      await call("GET", "/api/chats/", { as: owner, query: "?cursor=garbage" }),
      await call("PATCH", "/api/chats/{id}/", { as: owner, params: { id: chat.id }, body: {} }),
      await call("POST", "/api/chats/{id}/share/", {
        as: owner,
        params: { id: chat.id },
        body: { is_shared: "yes" },
      }),
      await call("POST", "/api/chats/create-with-messages/", {
        as: owner,
        body: { messages: [] },
      }),
    ];
    expect(invalid.map((r) => r.body.error.code)).toEqual(invalid.map(() => "validation_error"));

    const guestPublishing = await call("PATCH", "/api/chats/{id}/", {
      as: owner,
      params: { id: chat.id },
      body: { is_discoverable: true },
    });
    expect(guestPublishing.status).toBe(403);
  });

  test("every exported method a path does not list is the documented 405", async () => {
    let count = 0;
    for (const [path, module] of Object.entries(routes)) {
      const allowed = documentedMethods(path);
      for (const [method, handler] of Object.entries(module)) {
        if (allowed.includes(method) || typeof handler !== "function") continue;
        const response = await callRoute(handler as Handler, {
          method,
          path: path.replace(/\{\w+\}/g, "x"),
          params: { id: crypto.randomUUID(), shareId: "x" },
        });
        const label = `${method} ${path}`;
        if (method === "OPTIONS") {
          // Lists what the 405s list, plus what HTTP adds (HEAD with GET, OPTIONS itself).
          expect(response.status, label).toBe(204);
          const implied = [...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"];
          const allow = (response.headers.get("allow") ?? "").split(/,\s*/).sort();
          expect(allow, `${label}: Allow`).toEqual([...allowed, ...implied].sort());
          continue;
        }
        expect(response.status, label).toBe(405);
        const body = await response.json();
        validate(errorSchema, body, label);
        expect(body.error.code, label).toBe("method_not_allowed");
        const allow = (response.headers.get("allow") ?? "").split(/,\s*/).sort();
        expect(allow, `${label}: Allow`).toEqual([...allowed].sort());
        count += 1;
      }
    }
    expect(count).toBeGreaterThan(0);
  });

  test("any other /api/ path is the documented 404", async () => {
    const handlers = Object.entries(catchAllRoute as RouteModule).filter(([name]) =>
      OPERATION_KEYS.includes(name.toLowerCase()),
    );
    expect(handlers.length).toBeGreaterThan(0);
    for (const [method, handler] of handlers) {
      const response = await callRoute(handler as Handler, {
        method,
        path: "/api/nowhere/",
        params: { path: ["nowhere"] } as never,
      });
      expect(response.status).toBe(404);
      validate(errorSchema, await response.json(), `${method} /api/nowhere/`);
    }
  });

  test("every documented operation was checked against a real response", () => {
    const operations = Object.keys(doc.paths).flatMap((path) =>
      documentedMethods(path).map((method) => `${method} ${path}`),
    );
    expect([...checked].sort()).toEqual(operations.sort());
  });
});
