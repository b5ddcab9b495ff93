import { expect, type Page } from "@playwright/test";

/** The sign-up, sign-in and account menu, by the names a person sees. */
export class AuthPages {
  constructor(private readonly page: Page) {}

  async signUp({ name, email, password }: { name: string; email: string; password: string }) {
    await this.page.goto("/sign-up");
    await this.page.getByLabel("Name").fill(name);
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Create account" }).click();
  }

  async signIn({ email, password }: { email: string; password: string }) {
    await this.page.goto("/sign-in");
    await this.page.getByLabel("Email").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  async signOut() {
    await this.page.getByRole("button", { name: "Sign out" }).click();
    await expect(this.page.getByRole("link", { name: "Sign in" })).toBeVisible();
  }

  accountName() {
    return this.page.getByTestId("account-name");
  }
}
