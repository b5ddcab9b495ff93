// @ts-check
// bench:api's reference for reads: a bare Node http server running the same queries the
// API runs for the first page of the list and a chat's detail, through postgres.js
// (prepared statements, a pool of 10 as the app's), and answering the same JSON (every
// field of lib/chats/serialize.ts's toChatOut; keep them in step). No
// framework, no session, no validation: what the API's reads cost at the least. `/health`
// answers what the app's `/api/health` answers, with no query.
// node scripts/bench/bare-api.cjs PORT DATABASE_URL USER_ID; prints "ready".
const http = require("node:http");
const postgres = require("postgres");

const [port, url, userId] = process.argv.slice(2);
const sql = postgres(/** @type {string} */ (url), { max: 10, onnotice: () => {} });

/** @param {Date | string} t */
const iso = (t) => new Date(t).toISOString();
/** @param {Date | string | null} t */
const isoOrNull = (t) => (t === null ? null : iso(t));

/** @param {any} c */
const chatOut = (c) => ({
  id: c.id,
  title: c.title,
  share_id: c.share_id,
  is_shared: c.is_shared,
  is_discoverable: c.is_discoverable,
  is_pinned: c.is_pinned,
  is_archived: c.is_archived,
  share_url: c.is_shared ? `http://127.0.0.1/chatbot/share/${c.share_id}` : null,
  share_expires_at: isoOrNull(c.share_expires_at),
  share_mode: c.share_mode,
  snapshot_at: isoOrNull(c.snapshot_at),
  shared_at: isoOrNull(c.shared_at),
  created_at: iso(c.created_at),
  updated_at: iso(c.updated_at),
  message_count: c.message_count,
  branched_from: c.branched_from_id
    ? { chat_id: c.branched_from_id, after_message_id: c.branched_after_id }
    : null,
});

async function list() {
  const rows = await sql`
    select * from chats_chat where user_id = ${userId} and is_archived = false
    order by updated_at desc, id desc limit 51`;
  const page = rows.slice(0, 50);
  const last = page.at(-1);
  return {
    results: page.map(chatOut),
    next_cursor:
      rows.length > 50 && last
        ? Buffer.from(JSON.stringify([iso(last.updated_at), last.id])).toString("base64url")
        : null,
  };
}

/** @param {string} id */
async function detail(id) {
  const [row] = await sql`
    select row_to_json(chats_chat) as chat,
      (select coalesce(json_agg(m order by m.created_at, m.seq), '[]')
       from (select * from chats_chatmessage where chat_id = chats_chat.id
             order by created_at desc, seq desc limit ${null}) m) as messages
    from chats_chat where id = ${id} and user_id = ${userId} limit 1`;
  if (!row) return null;
  return {
    ...chatOut(row.chat),
    messages: row.messages.map((/** @type {any} */ m) => ({
      id: m.id,
      message_type: m.message_type,
      content: m.content,
      is_error: m.is_error,
      created_at: iso(m.created_at),
    })),
  };
}

http
  .createServer(async (req, res) => {
    const path = req.url ?? "";
    const body =
      path === "/health"
        ? { status: "ok" }
        : path === "/list"
          ? await list()
          : await detail(path.slice("/detail/".length));
    res.writeHead(body ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  })
  .listen(Number(port), "127.0.0.1", () => console.log("ready"));
