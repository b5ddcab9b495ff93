CREATE TABLE "cache_tag_events" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cache_tag_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tag" text NOT NULL,
	"expired_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chats_chat" ADD COLUMN "shared_at" timestamp (3) with time zone;--> statement-breakpoint
CREATE INDEX "cache_tag_events_expired_at_idx" ON "cache_tag_events" USING btree ("expired_at");