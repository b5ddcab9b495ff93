import { CONTENT_MAX } from "@/lib/validation/chat";
import { type ImportedChat, type ImportedMessage, malformed, shortTitle } from "./import-source";
import { jsonValuesAt } from "./json-stream";

// A ChatGPT data export's conversations.json: an array of conversations, each a tree of
// nodes (`mapping`) in which regenerated replies are sibling branches. What the user saw
// last is the path from `current_node` up to the root: that path is imported, nothing
// else.

type Node = { id?: unknown; message?: unknown; parent?: unknown; children?: unknown };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Unix seconds (floats, or null) as a Date; null when absent or not a time. */
function fromUnix(value: unknown): Date | null {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) return null;
  const date = new Date(Math.round(value * 1000));
  return Number.isNaN(date.getTime()) ? null : date;
}

const latest = (a: Date, b: Date) => new Date(Math.max(a.getTime(), b.getTime()));

/** Every conversation of the file, one at a time, as it is read. */
export async function* chatgptConversations(
  bytes: AsyncIterable<Uint8Array>,
): AsyncGenerator<ImportedChat> {
  for await (const { key, value, inArray } of jsonValuesAt(bytes, ["$.*"])) {
    if (!inArray || typeof key !== "number") {
      throw malformed("", "the file is not an array of conversations");
    }
    yield conversationToChat(value, key);
  }
}

/**
 * One conversation as a chat: the path from `current_node` (else the latest leaf) to the
 * root, root first, keeping the user's and the assistant's visible text. Throws the
 * 400 that names the conversation when its shape is not a ChatGPT conversation's.
 */
export function conversationToChat(raw: unknown, index: number, now = new Date()): ImportedChat {
  const label = labelOf(raw, index);
  const fail = (path: string, message: string) =>
    malformed(`[${index}]${path ? `.${path}` : ""}`, `${label}: ${message}`);
  if (!isObject(raw)) throw fail("", "is not an object");
  const sourceId = raw.conversation_id ?? raw.id;
  if (typeof sourceId !== "string" || sourceId === "") throw fail("id", "has no id");
  if (raw.title !== undefined && raw.title !== null && typeof raw.title !== "string") {
    throw fail("title", "title is not a string");
  }
  const mapping = raw.mapping;
  if (!isObject(mapping)) throw fail("mapping", "mapping is not an object");
  for (const [id, node] of Object.entries(mapping)) {
    if (!isObject(node)) throw fail(`mapping.${id}`, `node ${id} is not an object`);
  }
  const nodes = mapping as Record<string, Node>;

  const createdAt = fromUnix(raw.create_time) ?? now;
  const path = branchToImport(nodes, raw.current_node);
  const messages: ImportedMessage[] = [];
  let last = createdAt;
  for (const id of path) {
    const message = (nodes[id] as Node).message;
    const kept = visibleMessage(message, (p, m) => fail(`mapping.${id}.message${p}`, m));
    if (!kept) continue;
    // Messages are stored in time order: one without a time, or one that claims to be
    // older than the message before it, takes that message's time so the order holds.
    const at = fromUnix((message as Record<string, unknown>).create_time) ?? last;
    last = latest(at, last);
    messages.push({
      // The mapping's key: unique in the conversation, as a message's own id may not be.
      sourceId: id,
      messageType: kept.role,
      content: kept.text,
      isError: false,
      createdAt: last,
    });
  }
  const updatedAt = fromUnix(raw.update_time) ?? last;
  return {
    sourceId,
    title: typeof raw.title === "string" && raw.title.trim() ? raw.title.trim() : null,
    createdAt,
    updatedAt: latest(updatedAt, last),
    // ChatGPT's archive; its pins are not in the export.
    isPinned: false,
    isArchived: raw.is_archived === true,
    messages,
    leftOut: Object.values(nodes).filter((node) => isObject(node.message)).length - messages.length,
  };
}

function labelOf(raw: unknown, index: number): string {
  const title = isObject(raw) ? shortTitle(raw.title) : null;
  return `conversation ${index + 1}${title ? ` (“${title}”)` : ""}`;
}

/**
 * Node ids from the root to the leaf the user last saw. A parent missing from the
 * mapping ends the walk there (exports have such nodes); a cycle ends it too.
 */
function branchToImport(nodes: Record<string, Node>, currentNode: unknown): string[] {
  let leaf =
    typeof currentNode === "string" && currentNode in nodes ? currentNode : latestLeaf(nodes);
  const path: string[] = [];
  const seen = new Set<string>();
  while (leaf !== null && leaf in nodes && !seen.has(leaf)) {
    seen.add(leaf);
    path.push(leaf);
    const parent = (nodes[leaf] as Node).parent;
    leaf = typeof parent === "string" ? parent : null;
  }
  return path.reverse();
}

/** Without a current node: the leaf whose message is the newest (the deepest on a tie). */
function latestLeaf(nodes: Record<string, Node>): string | null {
  let best: { id: string; time: number; depth: number } | null = null;
  for (const [id, node] of Object.entries(nodes)) {
    const children = Array.isArray(node.children) ? node.children : [];
    if (children.some((child) => typeof child === "string" && child in nodes)) continue;
    const message = isObject(node.message) ? node.message : {};
    const time = fromUnix(message.create_time)?.getTime() ?? 0;
    const depth = depthOf(nodes, id);
    if (!best || time > best.time || (time === best.time && depth > best.depth)) {
      best = { id, time, depth };
    }
  }
  return best?.id ?? null;
}

function depthOf(nodes: Record<string, Node>, id: string): number {
  let depth = 0;
  let at: unknown = id;
  const seen = new Set<string>();
  while (typeof at === "string" && at in nodes && !seen.has(at)) {
    seen.add(at);
    depth += 1;
    at = (nodes[at] as Node).parent;
  }
  return depth;
}

const SHOWN_CONTENT = new Set(["text", "multimodal_text"]);

/**
 * The role and text of a message the conversation shows, or null for one it does not:
 * system and tool messages, hidden ones, an assistant's call to a tool (its recipient
 * is not "all"), content other than text (code, execution output, browsing), images,
 * and nothing left once those are dropped.
 */
function visibleMessage(
  message: unknown,
  fail: (path: string, message: string) => Error,
): { role: "user" | "assistant"; text: string } | null {
  if (message === null || message === undefined) return null;
  if (!isObject(message)) throw fail("", "message is not an object");
  const author = message.author;
  if (!isObject(author) || typeof author.role !== "string") {
    throw fail(".author", "message has no author role");
  }
  const content = message.content;
  if (!isObject(content) || typeof content.content_type !== "string") {
    throw fail(".content", "message has no content type");
  }
  const role = author.role;
  if (role !== "user" && role !== "assistant") return null;
  const metadata = isObject(message.metadata) ? message.metadata : {};
  if (metadata.is_visually_hidden_from_conversation === true) return null;
  if (typeof message.recipient === "string" && message.recipient !== "all") return null;
  if (!SHOWN_CONTENT.has(content.content_type)) return null;
  if (!Array.isArray(content.parts)) throw fail(".content.parts", "text has no parts");
  const text = content.parts.filter((part): part is string => typeof part === "string").join("\n");
  if (text.trim() === "") return null;
  // The API's limit for one message; a longer one is kept in part rather than dropped.
  return { role, text: text.length > CONTENT_MAX ? text.slice(0, CONTENT_MAX) : text };
}
