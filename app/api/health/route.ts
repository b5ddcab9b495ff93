import { HEALTH_HEADERS } from "@/lib/health";
import { otherMethods } from "@/lib/http/route";

// GET /api/health — liveness: the process answers. Reads nothing, not even the request
// (no caller, no cookies, no database), so a database outage never fails it. Never
// prerendered: Next runs a route module per request when it exports more than GET (its
// 405s and OPTIONS here).
export async function GET() {
  return Response.json({ status: "ok" }, { headers: HEALTH_HEADERS });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
