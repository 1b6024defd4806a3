CREATE TABLE "event_calendar_tokens" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_calendar_tokens_token_check" CHECK ("event_calendar_tokens"."token" ~ '^[a-z0-9]{32}$')
);
--> statement-breakpoint
CREATE TABLE "event_hosts" (
	"event_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "event_hosts_event_id_organisation_id_pk" PRIMARY KEY("event_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "event_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"status" text NOT NULL,
	"seq" bigserial NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"checked_in_at" timestamp with time zone,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_registrations_status_check" CHECK ("event_registrations"."status" in ('confirmed', 'waitlisted', 'cancelled')),
	CONSTRAINT "event_registrations_check_in_check" CHECK ("event_registrations"."checked_in_at" is null or "event_registrations"."status" = 'confirmed')
);
--> statement-breakpoint
CREATE TABLE "event_reminders_sent" (
	"event_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"minutes_before" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_reminders_sent_event_id_user_id_minutes_before_starts_at_pk" PRIMARY KEY("event_id","user_id","minutes_before","starts_at")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"description_html" text NOT NULL,
	"description_text" text NOT NULL,
	"format" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"venue_name" text,
	"venue_address" text,
	"city" text,
	"country" text,
	"latitude" double precision,
	"longitude" double precision,
	"online_url" text,
	"time_zone" text NOT NULL,
	"starts_local" timestamp NOT NULL,
	"ends_local" timestamp NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"languages" text[] NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"capacity" integer,
	"confirmed_count" integer DEFAULT 0 NOT NULL,
	"waitlist_count" integer DEFAULT 0 NOT NULL,
	"registration_opens_at" timestamp with time zone,
	"registration_closes_at" timestamp with time zone,
	"reminder_minutes" integer[] DEFAULT '{1440,60}'::integer[] NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cover_key" text,
	"sequence" integer DEFAULT 0 NOT NULL,
	"created_by" uuid,
	"published_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_format_check" CHECK ("events"."format" in ('in_person', 'online', 'hybrid')),
	CONSTRAINT "events_status_check" CHECK ("events"."status" in ('draft', 'submitted', 'published', 'cancelled')),
	CONSTRAINT "events_country_check" CHECK ("events"."country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "events_languages_check" CHECK (cardinality("events"."languages") >= 1 and "events"."languages" <@ array['es', 'pt', 'en']::text[]),
	CONSTRAINT "events_themes_check" CHECK ("events"."themes" <@ array['housing_policy', 'economic_growth', 'settlement_upgrading', 'land_tenure', 'housing_finance', 'rental_housing', 'social_housing', 'incremental_housing', 'climate_resilience', 'gender', 'migration', 'secondary_cities', 'basic_services', 'urban_planning', 'data_monitoring', 'evictions']::text[]),
	CONSTRAINT "events_times_check" CHECK ("events"."ends_at" > "events"."starts_at" and "events"."ends_local" > "events"."starts_local"),
	CONSTRAINT "events_capacity_check" CHECK ("events"."capacity" is null or "events"."capacity" >= 0),
	CONSTRAINT "events_seats_check" CHECK ("events"."confirmed_count" >= 0 and "events"."waitlist_count" >= 0 and ("events"."capacity" is null or "events"."confirmed_count" <= "events"."capacity")),
	CONSTRAINT "events_registration_window_check" CHECK (("events"."registration_closes_at" is null or "events"."registration_closes_at" <= "events"."ends_at") and ("events"."registration_opens_at" is null or "events"."registration_closes_at" is null or "events"."registration_opens_at" < "events"."registration_closes_at")),
	CONSTRAINT "events_coordinates_check" CHECK (("events"."latitude" is null) = ("events"."longitude" is null))
);
--> statement-breakpoint
ALTER TABLE "event_calendar_tokens" ADD CONSTRAINT "event_calendar_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_hosts" ADD CONSTRAINT "event_hosts_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_hosts" ADD CONSTRAINT "event_hosts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_reminders_sent" ADD CONSTRAINT "event_reminders_sent_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_reminders_sent" ADD CONSTRAINT "event_reminders_sent_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_calendar_tokens_token_key" ON "event_calendar_tokens" USING btree ("token");--> statement-breakpoint
CREATE INDEX "event_hosts_organisation_idx" ON "event_hosts" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_event_user_key" ON "event_registrations" USING btree ("event_id","user_id");--> statement-breakpoint
CREATE INDEX "event_registrations_event_status_seq_idx" ON "event_registrations" USING btree ("event_id","status","seq");--> statement-breakpoint
CREATE INDEX "event_registrations_user_idx" ON "event_registrations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "events_status_starts_idx" ON "events" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "events_created_by_idx" ON "events" USING btree ("created_by");