-- Cache tag events: one row per tag (the latest expiry is all that matters), with a seq
-- that moves on every expiry. The latest event of each tag is kept.
CREATE SEQUENCE "public"."cache_tag_events_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "cache_tag_events_compact" (
	"tag" text PRIMARY KEY NOT NULL,
	"seq" bigint DEFAULT nextval('cache_tag_events_seq') NOT NULL,
	"expired_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
INSERT INTO "cache_tag_events_compact" ("tag", "expired_at")
	SELECT "tag", max("expired_at") FROM "cache_tag_events" GROUP BY "tag" ORDER BY max("seq");--> statement-breakpoint
DROP TABLE "cache_tag_events";--> statement-breakpoint
ALTER TABLE "cache_tag_events_compact" RENAME TO "cache_tag_events";--> statement-breakpoint
ALTER TABLE "cache_tag_events" RENAME CONSTRAINT "cache_tag_events_compact_pkey" TO "cache_tag_events_pkey";--> statement-breakpoint
ALTER SEQUENCE "public"."cache_tag_events_seq" OWNED BY "cache_tag_events"."seq";--> statement-breakpoint
CREATE INDEX "cache_tag_events_seq_idx" ON "cache_tag_events" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "cache_tag_events_expired_at_idx" ON "cache_tag_events" USING btree ("expired_at");--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer NOT NULL,
	"expire" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE INDEX "rate_limits_expire_idx" ON "rate_limits" USING btree ("expire");--> statement-breakpoint
-- Only accounts publish to search engines: guests' chats stop being indexable.
UPDATE "chats_chat" SET "is_discoverable" = false WHERE "user_id" IS NULL AND "is_discoverable";--> statement-breakpoint
ALTER TABLE "chats_chat" ADD CONSTRAINT "chats_chat_discoverable_needs_account" CHECK (not "chats_chat"."is_discoverable" or "chats_chat"."user_id" is not null);
