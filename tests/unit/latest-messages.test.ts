import { describe, expect, it } from "vitest";
import { OPEN_MAX, OPEN_MIN, OPEN_TEXT, withLatestMessages } from "@/lib/chats/latest-messages";
import type { ChatDetailOut } from "@/lib/validation/chat";

function chatOf(sizes: number[]): ChatDetailOut {
  return {
    id: "00000000-0000-4000-8000-000000000000",
    title: "t",
    share_id: "s",
    is_shared: false,
    message_count: sizes.length,
    messages: sizes.map((size, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      message_type: i % 2 ? "assistant" : "user",
      content: "x".repeat(size),
      is_error: false,
      created_at: new Date(0).toISOString(),
    })),
  } as ChatDetailOut;
}

const opened = (sizes: number[]) => {
  const chat = chatOf(sizes);
  const { chat: shown, earlier } = withLatestMessages(chat);
  expect(shown.messages).toEqual(chat.messages.slice(earlier));
  return { count: shown.messages.length, earlier };
};

describe("withLatestMessages: what a chat page opens with", () => {
  it("a short chat whole", () => {
    expect(opened([10, 20, 30])).toEqual({ count: 3, earlier: 0 });
    expect(opened([])).toEqual({ count: 0, earlier: 0 });
  });

  it("at most OPEN_MAX short messages, the latest", () => {
    expect(opened(Array(500).fill(50))).toEqual({ count: OPEN_MAX, earlier: 500 - OPEN_MAX });
  });

  it("the latest messages within OPEN_TEXT characters", () => {
    const { count, earlier } = opened(Array(500).fill(500));
    expect(count).toBe(Math.floor(OPEN_TEXT / 500));
    expect(earlier).toBe(500 - count);
  });

  it("counts as earlier the messages the page did not read", () => {
    const chat = chatOf(Array(OPEN_MAX).fill(50));
    const { chat: shown, earlier } = withLatestMessages({ ...chat, message_count: 500 });
    expect(shown.messages).toHaveLength(OPEN_MAX);
    expect(earlier).toBe(500 - OPEN_MAX);
  });

  it("never fewer than OPEN_MIN, however long they are", () => {
    expect(opened(Array(10).fill(OPEN_TEXT * 2))).toEqual({
      count: OPEN_MIN,
      earlier: 10 - OPEN_MIN,
    });
    expect(opened([OPEN_TEXT * 3, 5])).toEqual({ count: 2, earlier: 0 });
  });
});
