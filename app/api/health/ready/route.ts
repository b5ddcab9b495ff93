import { randomUUID } from "node:crypto";
import { edgePurgeStatus } from "@/lib/edge/purge-edge";
import { checkReadiness, HEALTH_HEADERS } from "@/lib/health";
import { errorResponse } from "@/lib/http/error-response";
import { otherMethods } from "@/lib/http/route";

// GET /api/health/ready — readiness: the database answers within 2 s and has every
// migration of this build applied; else 503 unavailable with Retry-After. No caller,
// no cookies, no limits: only the database check. A ready answer also reports the edge
// purger (edge_purge), which readiness does not depend on: a failed purge is retried in
// the background, and taking the instance out of rotation would not bring the edge back.
export async function GET() {
  try {
    const readiness = await checkReadiness();
    return Response.json(
      { ...readiness, edge_purge: edgePurgeStatus() },
      { headers: HEALTH_HEADERS },
    );
  } catch (error) {
    const response = errorResponse(error, randomUUID());
    for (const [name, value] of Object.entries(HEALTH_HEADERS)) response.headers.set(name, value);
    return response;
  }
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
