// The contract's error codes and their HTTP statuses: the one table both the server and
// the client read.
export const ERROR_STATUS = {
  invalid_json: 400,
  validation_error: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  gone: 410,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Retry-After of a 503: a database (or server) that restarts is back within seconds. */
export const UNAVAILABLE_RETRY_AFTER_S = 5;

export type ErrorIssue = { path: string; message: string };

export type ErrorBody = {
  error: { code: ErrorCode; message: string; issues?: ErrorIssue[] };
};

export type AppErrorOptions = {
  /** Which fields were wrong, for validation errors. */
  issues?: ErrorIssue[];
  /** Extra response headers, such as Retry-After or Allow. */
  headers?: Record<string, string>;
  cause?: unknown;
};

export class AppError extends Error {
  readonly issues?: ErrorIssue[];
  readonly headers?: Record<string, string>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    { issues, headers, cause }: AppErrorOptions = {},
  ) {
    super(message, { cause });
    this.name = "AppError";
    this.issues = issues;
    this.headers = headers;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/**
 * 503 unavailable with Retry-After: a dependency (the database) is down, or this server
 * is going away. The request is safe to send again with the same ids.
 */
export function unavailable(message: string, cause?: unknown): AppError {
  return new AppError("unavailable", message, {
    headers: { "retry-after": String(UNAVAILABLE_RETRY_AFTER_S) },
    cause,
  });
}
