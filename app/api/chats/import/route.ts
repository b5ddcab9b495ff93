import { checkImportFile } from "@/lib/chats/import";
import { spoolBody } from "@/lib/chats/import-body";
import { assertImportMediaType, importReaderFor } from "@/lib/chats/import-format";
import { importChats } from "@/lib/chats/writes";
import { env } from "@/lib/env";
import { otherMethods, route } from "@/lib/http/route";
import { importResultSchema } from "@/lib/validation/import";

// POST /api/chats/import/ — import ChatGPT's conversations.json or this app's export
export const POST = route(async ({ request, ensureOwner }) => {
  const contentType = request.headers.get("content-type");
  assertImportMediaType(contentType);
  // Up to IMPORT_MAX_BYTES, not the API's 1 MiB: spooled to disk, read a chat at a time.
  const body = await spoolBody(request, env().IMPORT_MAX_BYTES);
  try {
    const reader = importReaderFor(contentType, body.head);
    // A malformed file is refused before a transaction opens, or a visitor becomes a guest.
    await checkImportFile({ reader, bytes: body.open() });
    const owner = await ensureOwner();
    const result = await importChats({ owner, reader, bytes: body.open() });
    return Response.json(importResultSchema.parse(result));
  } finally {
    await body.dispose();
  }
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
