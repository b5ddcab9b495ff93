ALTER TABLE "chats_chatmessage" ADD COLUMN "owner_key" text;--> statement-breakpoint
-- Hand-written: the messages stored before search existed get their owner's key (see db/schema.ts).
UPDATE "chats_chatmessage" m SET "owner_key" = md5(coalesce('u' || c."user_id", 'g' || c."guest_id"::text)) FROM "chats_chat" c WHERE c."id" = m."chat_id";--> statement-breakpoint
CREATE INDEX "chats_chat_title_search_idx" ON "chats_chat" USING gin (to_tsvector('english', "title"));--> statement-breakpoint
CREATE INDEX "chats_chatmessage_search_idx" ON "chats_chatmessage" USING gin ((to_tsvector('english', "content") || array_to_tsvector(array[coalesce("owner_key", '-')])));