import { attachmentDisposition } from "@/lib/chats/export-filename";
import { toExportDocument } from "@/lib/chats/export-json";
import { chatToMarkdown } from "@/lib/chats/export-markdown";
import { getOwnedChatOrThrow } from "@/lib/chats/reads";
import { otherMethods, ownerOrNotFound, route } from "@/lib/http/route";
import { exportChatQuerySchema } from "@/lib/validation/chat";

type Context = RouteContext<"/api/chats/[id]/export">;

// GET /api/chats/<id>/export/?format=markdown|json — the owner's chat as a download
export const GET = route<Context>(async ({ request, params, owner }) => {
  const { format } = exportChatQuerySchema.parse(
    Object.fromEntries(new URL(request.url).searchParams),
  );
  const { chat, messages } = await getOwnedChatOrThrow({
    id: params.id,
    owner: ownerOrNotFound(owner),
  });
  const exportedAt = new Date();
  const markdown = format === "markdown";
  const body = markdown
    ? chatToMarkdown(chat, messages, exportedAt)
    : `${JSON.stringify(toExportDocument(chat, messages, exportedAt), null, 2)}\n`;
  return new Response(body, {
    headers: {
      "content-type": markdown ? "text/markdown; charset=utf-8" : "application/json",
      "content-disposition": attachmentDisposition({
        title: chat.title,
        date: exportedAt,
        extension: markdown ? "md" : "json",
      }),
      // Someone's private conversation: no shared cache may keep a copy.
      "cache-control": "private, no-store",
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
