import { after } from "next/server";
import { ERROR_REPLY, startAssistantTurn } from "@/lib/chats/assistant-turn";
import { readJsonBody } from "@/lib/http/json-body";
import { otherMethods, ownerOrNotFound, route } from "@/lib/http/route";
import { chatbotRequestSchema } from "@/lib/validation/chatbot";

// POST /api/chatbot — store the user's message, stream SkillMate's reply (AI SDK UI
// message stream), and store the reply when it ends
export const POST = route(async ({ request, owner, requestId }) => {
  const body = chatbotRequestSchema.parse(await readJsonBody(request));
  const { result, saved } = await startAssistantTurn({
    owner: ownerOrNotFound(owner),
    request: body,
    signal: request.signal,
    requestId,
  });
  // The reply is stored after the response has streamed, even if the client left.
  after(() => saved);
  return result.toUIMessageStreamResponse({
    onError: () => ERROR_REPLY,
    messageMetadata: ({ part }) =>
      part.type === "start" ? { assistantId: body.assistant_id } : undefined,
  });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
