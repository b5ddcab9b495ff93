import { describe, expect, test } from "vitest";
import {
  createChatWithMessages,
  getSharedChatByShareId,
  listChatsByOwner,
  listDiscoverableChats,
  listMessagesByChat,
  type Owner,
  updateOwnedChat,
} from "@/db/queries/chats";
import { SITEMAP_TAG, shareTag } from "@/lib/cache/public-cache";
import { toPublicChat } from "@/lib/chats/public-chat";
import * as writes from "@/lib/chats/writes";
import { signedInUser } from "../helpers/callers";
import { recordExpiredTags } from "../helpers/expired-tags";

// A write leaves a shared page stale when what the public sees of the chat (the page,
// endpoint 10, the image: all one cached read) or its sitemap entry changes and the
// matching tag was not expired by the time the write returned. Every export of
// lib/chats/writes.ts must have a scenario here, so a new write cannot skip its expiry.

const expired = recordExpiredTags();

async function publicView(shareId: string) {
  const shared = await getSharedChatByShareId({ shareId });
  return shared ? toPublicChat(shared.chat, shared.messages) : null;
}

async function sitemapEntry(shareId: string) {
  const all = await listDiscoverableChats({ after: null, limit: 10_000 });
  return all.find((row) => row.shareId === shareId) ?? null;
}

/** An account's chat, shared and discoverable, whose last reply failed. */
async function sharedChat(owner: Owner) {
  const { chat, messages } = await createChatWithMessages({
    owner,
    messages: [
      { messageType: "user", content: "How do I start with watercolour?" },
      { messageType: "assistant", content: "Something failed.", isError: true },
    ],
  });
  await updateOwnedChat({
    id: chat.id,
    owner,
    changes: { isShared: true, isDiscoverable: true },
  });
  return { chat, failedReplyId: messages[1]?.id ?? "" };
}

type Chat = Awaited<ReturnType<typeof sharedChat>>["chat"];
type Scenario = {
  write: keyof typeof writes;
  name: string;
  /** Before the public view is read: the state the write starts from. */
  setup?: (owner: Owner, chat: Chat) => Promise<unknown>;
  run: (owner: Owner, chat: Chat, failedReplyId: string) => Promise<unknown>;
  /** The public never sees this write (checked: its page stays as it was). */
  unseen?: true;
};

/** The shared chat's link switched to a snapshot of it as it is. */
const asSnapshot = (owner: Owner, chat: Chat) =>
  writes.setSharing({ id: chat.id, owner, mode: "snapshot" });

/** A user message saved to the chat. */
const addMessage = (owner: Owner, chat: Chat, content: string) =>
  writes.saveMessages({ chatId: chat.id, owner, messages: [{ messageType: "user", content }] });

/** A snapshot link, then a message its snapshot does not have. */
const snapshotThenMessage = (content: string) => async (owner: Owner, chat: Chat) => {
  await asSnapshot(owner, chat);
  await addMessage(owner, chat, content);
};

/** The new text of an edited question. */
const edited = () => ({
  id: crypto.randomUUID(),
  messageType: "user" as const,
  content: "How do I start with gouache?",
});

/** Runs a write the public must not see, and checks that its page did not change. */
async function unseenBy(shareId: string, write: () => Promise<unknown>) {
  const before = JSON.stringify(await publicView(shareId));
  await write();
  expect(JSON.stringify(await publicView(shareId))).toBe(before);
}

const scenarios: Scenario[] = [
  {
    write: "createChat",
    name: "a new chat",
    run: (owner) => writes.createChat({ owner }),
    unseen: true,
  },
  {
    write: "continueSharedChat",
    name: "continuing it (the original is untouched)",
    run: (owner, chat) => writes.continueSharedChat({ owner, shareId: chat.shareId }),
    unseen: true,
  },
  {
    write: "branchChat",
    name: "branching it (the original is untouched)",
    run: (owner, chat, failedReplyId) =>
      writes.branchChat({ owner, id: chat.id, through: failedReplyId }),
    unseen: true,
  },
  {
    write: "updateChat",
    name: "a rename",
    run: (owner, chat) => writes.updateChat({ id: chat.id, owner, changes: { title: "Renamed" } }),
  },
  {
    write: "updateChat",
    name: "no longer discoverable",
    run: (owner, chat) =>
      writes.updateChat({ id: chat.id, owner, changes: { isDiscoverable: false } }),
  },
  {
    write: "updateChat",
    name: "unshared by PATCH",
    run: (owner, chat) => writes.updateChat({ id: chat.id, owner, changes: { isShared: false } }),
  },
  {
    write: "updateChat",
    name: "pinned (the owner's alone: the public view stays as it was)",
    run: (owner, chat) => writes.updateChat({ id: chat.id, owner, changes: { isPinned: true } }),
    unseen: true,
  },
  {
    write: "updateChat",
    name: "archived (its link keeps working, unchanged)",
    run: (owner, chat) => writes.updateChat({ id: chat.id, owner, changes: { isArchived: true } }),
    unseen: true,
  },
  {
    write: "updateChat",
    name: "a snapshot link's chat renamed (its page keeps the snapshot's title)",
    setup: asSnapshot,
    run: (owner, chat) =>
      unseenBy(chat.shareId, () =>
        writes.updateChat({ id: chat.id, owner, changes: { title: "Renamed" } }),
      ),
    unseen: true,
  },
  {
    write: "setSharing",
    name: "sharing toggled off",
    run: (owner, chat) => writes.setSharing({ id: chat.id, owner }),
  },
  {
    write: "setSharing",
    name: "sharing set off",
    run: (owner, chat) => writes.setSharing({ id: chat.id, owner, isShared: false }),
  },
  {
    write: "setSharing",
    name: "an expiry set",
    run: (owner, chat) => writes.setSharing({ id: chat.id, owner, expiresIn: 3600 }),
  },
  {
    write: "setSharing",
    name: "shared again with a new link (the old link's tag expires)",
    run: async (owner, chat) => {
      const renewed = await writes.setSharing({
        id: chat.id,
        owner,
        isShared: true,
        newLink: true,
      });
      expect(expired).toContain(shareTag(renewed.shareId));
    },
  },
  {
    write: "setSharing",
    name: "made a snapshot (same link)",
    run: (owner, chat) => asSnapshot(owner, chat),
  },
  {
    write: "setSharing",
    name: "a snapshot taken anew, hiding every finding",
    setup: snapshotThenMessage("Mail me at jane.doe@gmail.com"),
    run: (owner, chat) =>
      writes.setSharing({ id: chat.id, owner, mode: "snapshot", redact: "all" }),
  },
  {
    write: "setSharing",
    name: "a snapshot link made live again",
    setup: asSnapshot,
    run: (owner, chat) => writes.setSharing({ id: chat.id, owner, mode: "live" }),
  },
  {
    write: "updateSnapshot",
    name: "a snapshot taken again after a new message (its page shows the message)",
    setup: snapshotThenMessage("And which paper?"),
    run: async (owner, chat) => {
      await writes.updateSnapshot({ id: chat.id, owner });
      const shown = await publicView(chat.shareId);
      expect(shown?.messages.at(-1)?.content).toBe("And which paper?");
    },
  },
  {
    write: "rotateShareLink",
    name: "its link rotated (the new id's tag expires too)",
    run: async (owner, chat) => {
      const rotated = await writes.rotateShareLink({ id: chat.id, owner });
      expect(expired).toContain(shareTag(rotated.shareId));
    },
  },
  {
    write: "unshareAll",
    name: "every link of its owner revoked",
    run: (owner) => writes.unshareAll({ owner }),
  },
  {
    write: "archiveAllChats",
    name: "every chat of its owner archived (its link keeps working, unchanged)",
    run: (owner) => writes.archiveAllChats({ owner }),
    unseen: true,
  },
  {
    write: "unarchiveAllChats",
    name: "every chat of its owner unarchived (its link keeps working, unchanged)",
    setup: (owner) => writes.archiveAllChats({ owner }),
    run: (owner) => writes.unarchiveAllChats({ owner }),
    unseen: true,
  },
  {
    write: "deleteAllChats",
    name: "every chat of its owner deleted",
    run: (owner) => writes.deleteAllChats({ owner }),
  },
  {
    write: "deleteChat",
    name: "deleted",
    run: (owner, chat) => writes.deleteChat({ id: chat.id, owner }),
  },
  {
    write: "saveMessages",
    name: "a message added",
    run: (owner, chat) => addMessage(owner, chat, "And which paper?"),
  },
  {
    write: "saveMessages",
    name: "a message added to a snapshot link (its page stays as it was)",
    setup: asSnapshot,
    run: (owner, chat) => unseenBy(chat.shareId, () => addMessage(owner, chat, "And which paper?")),
    unseen: true,
  },
  {
    write: "deleteReplyToReplace",
    name: "a snapshot link's failed reply removed for a Retry (its page keeps it)",
    setup: asSnapshot,
    run: (owner, chat, failedReplyId) =>
      unseenBy(chat.shareId, () =>
        writes.deleteReplyToReplace({ chatId: chat.id, owner, id: failedReplyId }),
      ),
    unseen: true,
  },
  {
    write: "deleteReplyToReplace",
    name: "its failed reply removed for a Retry",
    run: (owner, chat, failedReplyId) =>
      writes.deleteReplyToReplace({ chatId: chat.id, owner, id: failedReplyId }),
  },
  {
    write: "deleteReplyToReplace",
    name: "its last reply removed for a Regenerate",
    run: async (owner, chat) => {
      const { inserted } = await writes.saveMessages({
        chatId: chat.id,
        owner,
        messages: [
          { messageType: "user", content: "And which brushes?" },
          { messageType: "assistant", content: "Two round brushes to start." },
        ],
      });
      expired.length = 0; // only the removal's expiry counts
      return writes.deleteReplyToReplace({ chatId: chat.id, owner, id: inserted[1]?.id ?? "" });
    },
  },
  {
    write: "replaceForEdit",
    name: "a snapshot link's question edited (its page keeps it)",
    setup: asSnapshot,
    run: async (owner, chat) => {
      const [question] = await listMessagesByChat({ chatId: chat.id });
      await unseenBy(chat.shareId, () =>
        writes.replaceForEdit({
          chatId: chat.id,
          owner,
          id: question?.id ?? "",
          replacement: edited(),
        }),
      );
    },
    unseen: true,
  },
  {
    write: "replaceForEdit",
    name: "its question edited (it and the reply after it replaced)",
    run: async (owner, chat) => {
      const [question] = await listMessagesByChat({ chatId: chat.id });
      return writes.replaceForEdit({
        chatId: chat.id,
        owner,
        id: question?.id ?? "",
        replacement: edited(),
      });
    },
  },
  {
    write: "importChats",
    name: "an imported chat, since shared, imported again with a new message (checked here: an import writes only chats of its own)",
    run: async (owner) => {
      const conversation = (parts: string[]) => [
        {
          id: "conv-1",
          title: "Imported",
          current_node: `n${parts.length - 1}`,
          mapping: Object.fromEntries(
            parts.map((text, i) => [
              `n${i}`,
              {
                parent: i === 0 ? null : `n${i - 1}`,
                message: {
                  author: { role: "user" },
                  content: { content_type: "text", parts: [text] },
                },
              },
            ]),
          ),
        },
      ];
      const file = (parts: string[]) => bytesOf(JSON.stringify(conversation(parts)));
      await writes.importChats({ owner, reader: "chatgpt", bytes: file(["Hello"]) });
      const [imported] = (await listChatsByOwner({ owner, limit: 100 })).chats.filter(
        (c) => c.title === "Imported",
      );
      await updateOwnedChat({ id: imported?.id ?? "", owner, changes: { isShared: true } });
      expired.length = 0;
      await writes.importChats({ owner, reader: "chatgpt", bytes: file(["Hello", "Again"]) });
      expect(expired).toContain(shareTag(imported?.shareId ?? ""));
    },
    // Checked above: it writes a chat of its own, not the shared one.
    unseen: true,
  },
];

async function* bytesOf(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text);
}

test("every write in lib/chats/writes.ts has a scenario below", () => {
  const exported = Object.entries(writes)
    .filter(([, value]) => typeof value === "function")
    .map(([name]) => name)
    .sort();
  expect([...new Set(scenarios.map((s) => s.write))].sort()).toEqual(exported);
});

describe("a write that changes what the public sees of a shared chat expires it", () => {
  test.each(scenarios)("$write: $name", async ({ setup, run }) => {
    const { userId } = await signedInUser();
    const owner = { userId };
    const { chat, failedReplyId } = await sharedChat(owner);
    await setup?.(owner, chat);
    const before = {
      page: await publicView(chat.shareId),
      entry: await sitemapEntry(chat.shareId),
    };
    expired.length = 0;

    await run(owner, chat, failedReplyId);

    const after = { page: await publicView(chat.shareId), entry: await sitemapEntry(chat.shareId) };
    if (JSON.stringify(after.page) !== JSON.stringify(before.page)) {
      expect(expired).toContain(shareTag(chat.shareId));
    }
    if (JSON.stringify(after.entry) !== JSON.stringify(before.entry)) {
      expect(expired).toContain(SITEMAP_TAG);
    }
  });

  test("the scenarios do change shared chats (the check above is not vacuous)", async () => {
    const { userId } = await signedInUser();
    const owner = { userId };
    const changed: string[] = [];
    for (const { name, setup, run } of scenarios) {
      const { chat, failedReplyId } = await sharedChat(owner);
      await setup?.(owner, chat);
      const before = JSON.stringify(await publicView(chat.shareId));
      await run(owner, chat, failedReplyId);
      if (JSON.stringify(await publicView(chat.shareId)) !== before) changed.push(name);
    }
    // All but the four that write another chat (createChat, continueSharedChat,
    // branchChat and importChats), the two the public never sees (a pin and an archive), and the
    // changes a snapshot link does not show.
    expect(changed).toEqual(scenarios.filter((s) => !s.unseen).map((s) => s.name));
  });
});
