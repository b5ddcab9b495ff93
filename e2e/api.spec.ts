import { expect, test } from "@playwright/test";

// The contract over real HTTP on the production server: both path forms, JSON errors.

test("every endpoint answers with and without the trailing slash", async ({ request }) => {
  for (const slash of ["/", ""]) {
    const created = await request.post(`/api/chats${slash}`, {
      data: { messages: [{ message_type: "user", content: `Teach me knots ${slash}` }] },
    });
    expect(created.status(), `POST /api/chats${slash}`).toBe(201);
    const chat = await created.json();
    const base = `/api/chats/${chat.id}`;

    expect((await request.get(`/api/chats${slash}`)).status()).toBe(200);
    expect((await request.get(`${base}${slash}`)).status()).toBe(200);
    expect((await request.patch(`${base}${slash}`, { data: { title: "Knots" } })).status()).toBe(
      200,
    );
    expect(
      (
        await request.post(`${base}/messages${slash}`, {
          data: { messages: [{ message_type: "assistant", content: "Start with a bowline." }] },
        })
      ).status(),
    ).toBe(201);
    expect(
      (
        await request.post(`${base}/message${slash}`, {
          data: { message_type: "user", content: "And then?" },
        })
      ).status(),
    ).toBe(201);
    const share = await request.post(`${base}/share${slash}`, { data: {} });
    expect(share.status()).toBe(200);
    const { share_id, share_url } = await share.json();
    expect(share_url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:\\d+/chatbot/share/${share_id}$`),
    );
    const shared = await request.get(`/api/chats/share/${share_id}${slash}`);
    expect(shared.status()).toBe(200);
    expect((await shared.json()).messages).toHaveLength(3);
    const bulk = await request.post(`/api/chats/create-with-messages${slash}`, {
      data: { messages: [{ message_type: "user", content: "bulk" }] },
    });
    expect(bulk.status()).toBe(201);
    expect((await request.delete(`${base}${slash}`)).status()).toBe(204);
    expect((await request.get(`/api/chats/share/${share_id}${slash}`)).status()).toBe(404);
  }
});

test("errors are JSON on every API path, never an HTML page", async ({ request }) => {
  for (const [method, path, status, code] of [
    ["GET", "/api/nope", 404, "not_found"],
    ["POST", "/api/chats/x/y/z/", 404, "not_found"],
    ["PUT", "/api/chats/", 405, "method_not_allowed"],
    ["GET", `/api/chats/${crypto.randomUUID()}/`, 404, "not_found"],
  ] as const) {
    const response = await request.fetch(path, { method, data: method === "GET" ? undefined : {} });
    expect(response.status(), `${method} ${path}`).toBe(status);
    expect(response.headers()["content-type"]).toMatch(/^application\/json/);
    expect((await response.json()).error.code).toBe(code);
  }
});

test("GET /api/openapi.json serves the OpenAPI 3.1 document", async ({ request }) => {
  const response = await request.get("/api/openapi.json");
  expect(response.status()).toBe(200);
  const doc = await response.json();
  expect(doc.openapi).toBe("3.1.0");
  expect(Object.keys(doc.paths)).toContain("/api/chats/share/{share_id}/");
});
