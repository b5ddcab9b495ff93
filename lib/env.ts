import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

// The one place that reads process.env. Values are read lazily so that `next build`
// (which imports server modules) neither needs secrets nor touches ./.data.

/** A limit's count: a whole number, 0 for "no limit". */
const count = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  // PostgreSQL outages (docs/operations.md): a connection attempt that has not finished
  // its handshake by then fails, and the request gets 503 instead of waiting.
  DB_CONNECT_TIMEOUT_S: z.coerce.number().int().min(1).max(60).default(3),
  // A pooled connection unused this long is closed (0: kept until its lifetime ends).
  DB_IDLE_TIMEOUT_S: z.coerce.number().int().min(0).max(3600).default(30),
  // Prepared statements (db/preparing-client.ts); off behind a pooler in transaction mode.
  DB_PREPARE: z.enum(["on", "off"]).default("on"),
  // Graceful shutdown (docs/operations.md): on SIGTERM, how long the replies in flight
  // get to finish before they are stopped and stored as they stand.
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(8_000),
  AUTH_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  APP_URL: z.url().optional(),
  AUTH_GITHUB_ID: z.string().min(1).optional(),
  AUTH_GITHUB_SECRET: z.string().min(1).optional(),
  AUTH_GOOGLE_ID: z.string().min(1).optional(),
  AUTH_GOOGLE_SECRET: z.string().min(1).optional(),
  // Any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, LM Studio...); without a base
  // URL and a model the assistant answers offline.
  AI_BASE_URL: z.url().optional(),
  AI_API_KEY: z.string().min(1).optional(),
  AI_MODEL: z.string().min(1).optional(),
  AI_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  // Pause between the offline responder's chunks, so that it streams like a model.
  AI_OFFLINE_CHUNK_DELAY_MS: z.coerce.number().int().min(0).max(1000).default(20),
  // POST /api/chats/import/: the largest file one import takes (a ChatGPT export's
  // conversations.json, or this app's export), in bytes; the rest of the API takes 1 MiB.
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(50 * 1024 * 1024),
  // Limits and quotas (docs/security.md). Each count of 0 switches that one off;
  // RATE_LIMITS=off switches them all off (benchmarks, load tests).
  RATE_LIMITS: z.enum(["on", "off"]).default("on"),
  // Where the counters live so that every instance shares them: Redis when set, else
  // PostgreSQL (DATABASE_URL), else this process's memory (the embedded database).
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// URL")
    .optional(),
  // How many proxies in front of the app append to X-Forwarded-For: the client address
  // is read that many entries from the right. 0 trusts none (the socket's peer).
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // API writes per caller (account, guest, or client address) per minute.
  RATE_LIMIT_WRITES_PER_MINUTE: count(300),
  // Failed sign-ins per account, and per client address, in one window.
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT: count(5),
  RATE_LIMIT_SIGN_IN_PER_ADDRESS: count(30),
  RATE_LIMIT_SIGN_IN_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .default(15 * 60),
  // New accounts, and new guest identities, per client address per hour.
  RATE_LIMIT_SIGN_UPS_PER_HOUR: count(10),
  RATE_LIMIT_GUESTS_PER_HOUR: count(30),
  // The assistant: replies streaming at once per caller, and replies per day.
  AI_REPLIES_IN_FLIGHT: count(2),
  AI_REPLIES_PER_DAY_GUEST: count(30),
  AI_REPLIES_PER_DAY_ACCOUNT: count(200),
  // Cost caps on every reply (kept with RATE_LIMITS=off): the longest reply, and the
  // conversation sent to the model (newest messages first; ~4 characters a token).
  AI_MAX_OUTPUT_TOKENS: z.coerce.number().int().min(16).default(1500),
  AI_HISTORY_TOKENS: z.coerce.number().int().min(256).default(6000),
  // The edge cache in front of the public share pages (lib/edge/): every write that
  // changes what the public sees purges it by tag. Varnish instances (xkey), by base URL,
  // comma-separated; each is purged.
  EDGE_PURGE_URLS: z
    .string()
    .transform((list) =>
      list
        .split(",")
        .map((url) => url.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/, error: "must be http(s):// URLs" })))
    .optional(),
  // Cloudflare's purge by Cache-Tag: the zone and a token allowed to purge it, both or
  // neither (`checked` below).
  CLOUDFLARE_ZONE_ID: z
    .string()
    .regex(/^[0-9a-f]{32}$/i, "must be the zone's 32-character id")
    .optional(),
  CLOUDFLARE_API_TOKEN: z.string().min(1).optional(),
  CLOUDFLARE_API_URL: z.url().default("https://api.cloudflare.com/client/v4"),
  // One purge attempt, unconfirmed by then, fails (after 3 attempts, the tags are retried
  // in the background every EDGE_PURGE_RETRY_MS, and given up after EDGE_PURGE_GIVE_UP_MS).
  EDGE_PURGE_TIMEOUT_MS: z.coerce.number().int().min(1).max(60_000).default(2_000),
  EDGE_PURGE_RETRY_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
  EDGE_PURGE_GIVE_UP_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 3_600_000)
    .default(15 * 60_000),
  // A successful purge is sent once more this much later (0: never), for a page rendered
  // before the write that reached the edge after the first purge.
  EDGE_PURGE_REPEAT_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
});

// Half a Cloudflare configuration would leave its edge serving revoked pages, silently.
const checked = schema.superRefine((values, context) => {
  if (Boolean(values.CLOUDFLARE_ZONE_ID) !== Boolean(values.CLOUDFLARE_API_TOKEN)) {
    const missing = values.CLOUDFLARE_ZONE_ID ? "CLOUDFLARE_API_TOKEN" : "CLOUDFLARE_ZONE_ID";
    context.addIssue({
      code: "custom",
      path: [missing],
      message: "needed with the other CLOUDFLARE_ variable (both or neither)",
    });
  }
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    // Empty strings (a blank line in .env) mean "unset", as a user would expect.
    const raw = Object.fromEntries(
      Object.keys(schema.shape).map((key) => [key, process.env[key] || undefined]),
    );
    const parsed = checked.safeParse(raw);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
      throw new Error(`Invalid environment:\n${lines.join("\n")}`);
    }
    cached = parsed.data;
  }
  return cached;
}

export function dataDir(): string {
  return path.resolve(env().DATA_DIR);
}

let secret: string | undefined;

/**
 * AUTH_SECRET signs session JWTs and guest cookies. Production must set it; a local
 * run generates one once into the data directory so that sessions survive restarts.
 */
export function authSecret(): string {
  if (secret) return secret;
  const fromEnv = env().AUTH_SECRET;
  if (fromEnv) {
    secret = fromEnv;
    return secret;
  }
  if (env().NODE_ENV === "production") {
    throw new Error(
      "AUTH_SECRET is required in production (generate one: openssl rand -base64 32)",
    );
  }
  const file = path.join(dataDir(), "auth-secret");
  if (existsSync(file)) {
    secret = readFileSync(file, "utf8").trim();
  } else {
    mkdirSync(dataDir(), { recursive: true });
    secret = randomBytes(32).toString("base64url");
    writeFileSync(file, `${secret}\n`, { mode: 0o600 });
    console.info(`[auth] AUTH_SECRET is not set: generated one into ${file}`);
  }
  return secret;
}
