CREATE TABLE "account_mail_sends" (
	"email_normalized" text NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone[] NOT NULL,
	CONSTRAINT "account_mail_sends_email_normalized_kind_pk" PRIMARY KEY("email_normalized","kind"),
	CONSTRAINT "account_mail_sends_kind_check" CHECK ("account_mail_sends"."kind" in ('verify', 'reset', 'already_registered'))
);
--> statement-breakpoint
CREATE TABLE "password_attempts" (
	"email_normalized" text PRIMARY KEY NOT NULL,
	"attempts" integer NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limit_hits" (
	"key" text PRIMARY KEY NOT NULL,
	"hits" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sign_in_failures" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "sign_in_failures" CASCADE;--> statement-breakpoint
DROP INDEX "organisations_name_key_key";--> statement-breakpoint
CREATE INDEX "password_attempts_window_idx" ON "password_attempts" USING btree ("window_started_at");--> statement-breakpoint
CREATE INDEX "rate_limit_hits_expires_idx" ON "rate_limit_hits" USING btree ("expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_approved_name_key" ON "organisations" USING btree ("name_key") WHERE "organisations"."status" = 'approved';--> statement-breakpoint
CREATE INDEX "organisations_name_key_idx" ON "organisations" USING btree ("name_key");