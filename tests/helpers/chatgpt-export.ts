// A ChatGPT conversations.json of any size, generated as a stream (so that a test's own
// memory does not hold it): conversations with a root, a hidden system message, turns
// of long text, and a regenerated reply that is not on the current branch.

const WORDS =
  "the of and to in is you that it for on with as are this be at or from have an by not but what all were when we there can your which their said if will each about how up out them then she many some so these would other into has more her two like him see time could no make than first been its who now people my made over did down only way find use may water long little very after words called just where most know".split(
    " ",
  );

function text(seed: number, length: number): string {
  const out: string[] = [];
  let size = 0;
  let state = seed;
  while (size < length) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const word = WORDS[state % WORDS.length] ?? "word";
    out.push(word);
    size += word.length + 1;
  }
  return out.join(" ");
}

const message = (id: string, role: string, parts: unknown[], time: number, extra = {}) => ({
  id,
  author: { role, name: null, metadata: {} },
  create_time: time,
  update_time: null,
  content: { content_type: "text", parts },
  status: "finished_successfully",
  end_turn: role === "assistant" ? true : null,
  weight: 1,
  metadata: {},
  recipient: "all",
  ...extra,
});

/** One conversation: `turns` user/assistant pairs of ~`textLength` characters each. */
export function generatedConversation(index: number, turns: number, textLength: number) {
  const start = 1_700_000_000 + index * 3600;
  const mapping: Record<string, unknown> = {
    root: { id: "root", message: null, parent: null, children: ["system"] },
    system: {
      id: "system",
      message: message("system", "system", [""], start, {
        metadata: { is_visually_hidden_from_conversation: true },
      }),
      parent: "root",
      children: ["m0"],
    },
  };
  let parent = "system";
  for (let i = 0; i < turns * 2; i++) {
    const id = `m${i}`;
    const children = i + 1 < turns * 2 ? [`m${i + 1}`] : [];
    if (i === 1) children.push("regenerated");
    mapping[id] = {
      id,
      message: message(
        id,
        i % 2 === 0 ? "user" : "assistant",
        [text(index * 1000 + i, textLength)],
        start + i,
      ),
      parent,
      children,
    };
    parent = id;
  }
  mapping.regenerated = {
    id: "regenerated",
    message: message("regenerated", "assistant", ["An earlier reply."], start + 1),
    parent: "m0",
    children: [],
  };
  return {
    title: `Generated conversation ${index}`,
    create_time: start,
    update_time: start + turns * 2,
    mapping,
    current_node: parent,
    conversation_id: `gen-${index}`,
    id: `gen-${index}`,
  };
}

/** A conversations.json of at most `bytes` bytes (nearly that), streamed a conversation at a time. */
export function generatedExport(
  bytes: number,
  { turns = 5, textLength = 2000 } = {},
): { stream: ReadableStream<Uint8Array>; conversations: () => number } {
  const encoder = new TextEncoder();
  let written = 0;
  let index = 0;
  let closed = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (closed) return;
      const prefix = index === 0 ? "[" : ",";
      const chunk = encoder.encode(
        prefix + JSON.stringify(generatedConversation(index, turns, textLength)),
      );
      // Whole conversations only, and the closing bracket within `bytes`.
      if (written + chunk.byteLength + 1 > bytes) {
        controller.enqueue(encoder.encode(index === 0 ? "[]" : "]"));
        controller.close();
        closed = true;
        return;
      }
      index += 1;
      written += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, conversations: () => index };
}
