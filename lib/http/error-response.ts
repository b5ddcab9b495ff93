import { ZodError } from "zod";
import { isDatabaseUnavailable } from "@/db/errors";
import { AppError, type ErrorBody, type ErrorIssue, unavailable } from "@/lib/errors";
import { safeErrorLine, safeErrorSummary } from "@/lib/log-safe";

const DATABASE_DOWN =
  "SkillMate Chats cannot reach its database right now. Please try again in a few seconds.";

/**
 * The database unreachable or going away (down, restarting, refusing connections),
 * wherever it was thrown (a query, the limits' store, opening the database): 503
 * unavailable with Retry-After, and one line in the log.
 */
function asUnavailable(error: unknown, requestId: string): AppError | null {
  if (error instanceof AppError || !isDatabaseUnavailable(error)) return null;
  console.error(`[request ${requestId}] database unavailable: ${safeErrorLine(error)}`);
  return unavailable(DATABASE_DOWN, error);
}

type ZodIssue = ZodError["issues"][number];

/**
 * The one branch of a failed union that the value was of the type of (`"all"` or a
 * list: a list with a bad item), whose own issues say more than "matches none"; null
 * when no branch, or several, got past the type.
 */
function unionBranch(issue: ZodIssue): ZodIssue[] | null {
  if (issue.code !== "invalid_union") return null;
  const typeOnly = (i: ZodIssue) =>
    i.path.length === 0 && (i.code === "invalid_type" || i.code === "invalid_value");
  const matched = issue.errors.filter((branch) => !branch.every(typeOnly));
  return matched.length === 1 ? (matched[0] ?? null) : null;
}

function zodIssues(issues: ZodIssue[], prefix: string[] = []): ErrorIssue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path.map(String)];
    // One issue per unknown field, at that field's path, so clients can point at it.
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        path: [...path, key].join("."),
        message: "Unknown field.",
      }));
    }
    const branch = unionBranch(issue);
    if (branch) return zodIssues(branch, path);
    return [{ path: path.join(".") || "(body)", message: issue.message }];
  });
}

/** Turns anything a handler throws into the contract's JSON error. */
export function errorResponse(thrown: unknown, requestId: string): Response {
  const error = asUnavailable(thrown, requestId) ?? thrown;
  let status: number;
  let body: ErrorBody;
  if (error instanceof AppError) {
    status = error.status;
    body = { error: { code: error.code, message: error.message } };
    if (error.issues) body.error.issues = error.issues;
  } else if (error instanceof ZodError) {
    status = 400;
    body = {
      error: {
        code: "validation_error",
        message: "The request has invalid fields.",
        issues: zodIssues(error.issues),
      },
    };
  } else {
    // Internals stay in the log (never what the user wrote); the client gets an id.
    console.error(`[request ${requestId}] unhandled error: ${safeErrorSummary(error)}`);
    status = 500;
    body = {
      error: {
        code: "internal_error",
        message: `Something went wrong on our side (request ${requestId}).`,
      },
    };
  }
  const headers = {
    ...(error instanceof AppError ? error.headers : {}),
    "x-request-id": requestId,
  };
  return Response.json(body, { status, headers });
}
