DROP INDEX "chats_chat_user_updated_idx";--> statement-breakpoint
DROP INDEX "chats_chat_guest_updated_idx";--> statement-breakpoint
ALTER TABLE "chats_chat" ADD COLUMN "is_pinned" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "chats_chat" ADD COLUMN "is_archived" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "chats_chat_user_pinned_idx" ON "chats_chat" USING btree ("user_id","updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "chats_chat"."is_pinned";--> statement-breakpoint
CREATE INDEX "chats_chat_guest_pinned_idx" ON "chats_chat" USING btree ("guest_id","updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "chats_chat"."is_pinned";--> statement-breakpoint
CREATE INDEX "chats_chat_user_shared_idx" ON "chats_chat" USING btree ("user_id","updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "chats_chat"."is_shared";--> statement-breakpoint
CREATE INDEX "chats_chat_guest_shared_idx" ON "chats_chat" USING btree ("guest_id","updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "chats_chat"."is_shared";--> statement-breakpoint
CREATE INDEX "chats_chat_user_updated_idx" ON "chats_chat" USING btree ("user_id","is_archived","updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "chats_chat_guest_updated_idx" ON "chats_chat" USING btree ("guest_id","is_archived","updated_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);