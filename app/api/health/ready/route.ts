import { randomUUID } from "node:crypto";
import { checkReadiness, HEALTH_HEADERS } from "@/lib/health";
import { errorResponse } from "@/lib/http/error-response";
import { otherMethods } from "@/lib/http/route";

// GET /api/health/ready — readiness: the database answers within 2 s and has every
// migration of this build applied; else 503 unavailable with Retry-After. No caller,
// no cookies, no limits: only the database check.
export async function GET() {
  try {
    return Response.json(await checkReadiness(), { headers: HEALTH_HEADERS });
  } catch (error) {
    const response = errorResponse(error, randomUUID());
    for (const [name, value] of Object.entries(HEALTH_HEADERS)) response.headers.set(name, value);
    return response;
  }
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
