import { otherMethods } from "@/lib/http/route";
import { openApiDocument } from "@/lib/openapi";

// GET /api/openapi.json — the chats API as OpenAPI 3.1, generated from its zod schemas
export async function GET() {
  return Response.json(openApiDocument());
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
