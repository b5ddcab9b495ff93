CREATE TABLE "chats_share_snapshot" (
	"chat_id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"messages" jsonb NOT NULL,
	"redact" jsonb NOT NULL,
	"redacted_ranges" jsonb NOT NULL,
	"taken_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chats_chat" ADD COLUMN "share_mode" varchar(16) DEFAULT 'live' NOT NULL;--> statement-breakpoint
ALTER TABLE "chats_chat" ADD COLUMN "snapshot_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "chats_share_snapshot" ADD CONSTRAINT "chats_share_snapshot_chat_id_chats_chat_id_fk" FOREIGN KEY ("chat_id") REFERENCES "public"."chats_chat"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chats_chat" ADD CONSTRAINT "chats_chat_share_mode_check" CHECK ("chats_chat"."share_mode" in ('live', 'snapshot'));--> statement-breakpoint
ALTER TABLE "chats_chat" ADD CONSTRAINT "chats_chat_snapshot_at_check" CHECK (("chats_chat"."share_mode" = 'snapshot') = ("chats_chat"."snapshot_at" is not null));