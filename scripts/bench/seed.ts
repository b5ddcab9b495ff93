// The data bench:api and bench:profile load: one bench user whose chats the routes read
// and write, seeded in SQL (`generate_series`), with every chat's messages.

export const BENCH_USER = { id: "bench-user", name: "Bench User", email: "bench@example.test" };
export const MESSAGES_PER_CHAT = 20;

/** Inserts MESSAGES_PER_CHAT messages into each chat of `chatsCte` (`id`, `created_at`). */
export function messagesFrom(chatsCte: string): string {
  // Odd turns are the user's questions, even ones the assistant's longer answers.
  return `
    insert into chats_chatmessage (chat_id, message_type, content, created_at)
    select c.id,
      case when m % 2 = 1 then 'user' else 'assistant' end,
      case when m % 2 = 1
        then 'Question ' || m || ': how do I get better at ' || repeat('interviewing and writing ', 3)
        else repeat('Here is a detailed answer with **markdown**, a list and a link. ', 8) end,
      c.created_at + m * interval '1 minute'
    from ${chatsCte} c cross join generate_series(1, ${MESSAGES_PER_CHAT}) m`;
}

/**
 * The bench user's `count` chats and their messages, in one statement. Distinct updated_at
 * per chat, whole seconds apart, so keyset order is unambiguous; every chat's messages end
 * before its updated_at. Titles are custom, so the posted messages never retitle a chat.
 */
export function benchUserChats(count: number): string {
  return `with c as (
       insert into chats_chat
         (user_id, title, title_is_custom, share_id, message_count, created_at, updated_at)
       select '${BENCH_USER.id}', 'Bench chat ' || g, true, 'bench-' || g, ${MESSAGES_PER_CHAT},
         date_trunc('second', now()) - g * interval '37 seconds' - interval '1 hour',
         date_trunc('second', now()) - g * interval '37 seconds'
       from generate_series(1, ${count}) g
       returning id, created_at
     ) ${messagesFrom("c")}`;
}
