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
  rate_limited: 429,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

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
