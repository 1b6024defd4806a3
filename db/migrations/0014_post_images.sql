CREATE TABLE "post_images" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"uploader_id" uuid,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"large_width" integer NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "post_images" ADD CONSTRAINT "post_images_uploader_id_users_id_fk" FOREIGN KEY ("uploader_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "post_images_uploader_idx" ON "post_images" USING btree ("uploader_id","created_at");--> statement-breakpoint
CREATE INDEX "post_images_unused_idx" ON "post_images" USING btree ("created_at") WHERE "post_images"."used_at" is null;