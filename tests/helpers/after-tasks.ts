// Outside Next's request scope `after()` throws. Tests of the chatbot route mock
// next/server with `mockAfter`, and run the tasks the route left with `runAfterTasks`:
//
//   const { mockAfter, afterTasks } = await vi.hoisted(() => import("../helpers/after-tasks"));
//   vi.mock("next/server", mockAfter);

export const afterTasks: (() => unknown)[] = [];

export async function mockAfter(importOriginal: () => Promise<unknown>) {
  return {
    ...(await (importOriginal as () => Promise<typeof import("next/server")>)()),
    after: (task: unknown) => {
      afterTasks.push(typeof task === "function" ? (task as () => unknown) : () => task);
    },
  };
}

/** Runs (and forgets) every task `after()` was given. */
export async function runAfterTasks() {
  await Promise.all(afterTasks.splice(0).map((task) => task()));
}
