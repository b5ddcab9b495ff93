ALTER TABLE "chats_chat" ADD COLUMN "branched_from_id" uuid;--> statement-breakpoint
ALTER TABLE "chats_chat" ADD COLUMN "branched_after_id" uuid;