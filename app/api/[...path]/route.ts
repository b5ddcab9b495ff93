import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";

// Any other /api/ path: the contract's JSON 404, never Next's HTML page.
const notFound = route<RouteContext<"/api/[...path]">>(async () => {
  throw new AppError("not_found", "No such API route.");
});

export {
  notFound as DELETE,
  notFound as GET,
  notFound as PATCH,
  notFound as POST,
  notFound as PUT,
};
