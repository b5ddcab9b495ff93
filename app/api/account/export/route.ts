import { attachmentDisposition } from "@/lib/chats/export-filename";
import { accountExportStream } from "@/lib/chats/export-stream";
import { otherMethods, route } from "@/lib/http/route";
import { accountExportQuerySchema } from "@/lib/validation/chat";

// GET /api/account/export/ — every chat of the caller, with its messages, streamed as NDJSON
export const GET = route(async ({ request, owner }) => {
  accountExportQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const exportedAt = new Date();
  // A visitor with no identity yet has no chats: a valid, empty export.
  const stream = await accountExportStream(owner, { exportedAt });
  return new Response(stream, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "content-disposition": attachmentDisposition({
        title: "skillmate chats",
        date: exportedAt,
        extension: "ndjson",
      }),
      "cache-control": "private, no-store",
      // Proxies that buffer (nginx) would hold the whole file before sending any of it.
      "x-accel-buffering": "no",
    },
  });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
