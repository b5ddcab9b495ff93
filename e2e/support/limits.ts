// The e2e suite makes every visitor from 127.0.0.1, so per-address limits at their
// production defaults would refuse it part-way. Limits stay on (their code runs) but wide;
// e2e/limits.spec.ts tests them with small values on a server of its own.
export const E2E_LIMITS: Record<string, string> = {
  RATE_LIMIT_GUESTS_PER_HOUR: "100000",
  RATE_LIMIT_SIGN_UPS_PER_HOUR: "100000",
  RATE_LIMIT_SIGN_IN_PER_ADDRESS: "100000",
  AI_REPLIES_PER_DAY_GUEST: "100000",
  AI_REPLIES_PER_DAY_ACCOUNT: "100000",
};
