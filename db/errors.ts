// What db/ throws besides the driver's own errors. It knows nothing of HTTP: the layers
// above map these (lib/chats/chat-writes.ts turns them into the contract's errors).

/**
 * A message id that is already stored in another chat. Ids are global (clients make
 * them), so a batch that reuses one is refused whole, inside its transaction.
 */
export class MessageIdTakenError extends Error {
  constructor(readonly messageId: string) {
    super(`message ${messageId} already belongs to another chat`);
    this.name = "MessageIdTakenError";
  }
}
