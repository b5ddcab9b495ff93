// Every request in the integration tests comes from one (unknown) address: per-address
// limits at their production defaults would refuse the suite part-way. They stay on but
// wide here; tests/api/limits*.test.ts set small values of their own.
Object.assign(process.env, {
  RATE_LIMIT_GUESTS_PER_HOUR: "100000",
  RATE_LIMIT_SIGN_UPS_PER_HOUR: "100000",
  RATE_LIMIT_SIGN_IN_PER_ADDRESS: "100000",
  AI_REPLIES_PER_DAY_GUEST: "100000",
  AI_REPLIES_PER_DAY_ACCOUNT: "100000",
});
