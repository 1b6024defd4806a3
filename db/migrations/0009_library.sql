CREATE TABLE "resource_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"resource_id" uuid NOT NULL,
	"lineage_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"storage_key" text NOT NULL,
	"filename" text NOT NULL,
	"kind" text NOT NULL,
	"media_type" text NOT NULL,
	"bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"extraction" text DEFAULT 'none' NOT NULL,
	"extracted_text" text,
	"extraction_error" text,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone,
	CONSTRAINT "resource_files_kind_check" CHECK ("resource_files"."kind" in ('pdf', 'docx', 'xlsx', 'pptx', 'csv', 'png', 'jpeg', 'webp')),
	CONSTRAINT "resource_files_extraction_check" CHECK ("resource_files"."extraction" in ('none', 'pending', 'done', 'failed')),
	CONSTRAINT "resource_files_bytes_check" CHECK ("resource_files"."bytes" >= 0 and "resource_files"."bytes" <= 52428800),
	CONSTRAINT "resource_files_version_check" CHECK ("resource_files"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "resources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"summary_html" text NOT NULL,
	"summary_text" text NOT NULL,
	"type" text NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"countries" text[] DEFAULT '{}'::text[] NOT NULL,
	"regional" boolean DEFAULT false NOT NULL,
	"languages" text[] NOT NULL,
	"year" integer NOT NULL,
	"published_on" date,
	"authors" text[] DEFAULT '{}'::text[] NOT NULL,
	"publisher_organisation_id" uuid,
	"publisher_name" text,
	"licence" text NOT NULL,
	"external_url" text,
	"related_event_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"related_thread_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"review_note" text,
	"submitter_id" uuid,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"cover_key" text,
	"download_count" integer DEFAULT 0 NOT NULL,
	"view_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "resources_slug_check" CHECK ("resources"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "resources_type_check" CHECK ("resources"."type" in ('report', 'policy_brief', 'toolkit', 'case_study', 'academic_paper', 'dataset', 'law', 'presentation', 'video', 'news')),
	CONSTRAINT "resources_status_check" CHECK ("resources"."status" in ('draft', 'pending', 'changes_requested', 'published', 'rejected')),
	CONSTRAINT "resources_licence_check" CHECK ("resources"."licence" in ('cc-by-4.0', 'cc-by-sa-4.0', 'cc-by-nc-4.0', 'cc-by-nc-sa-4.0', 'cc-by-nd-4.0', 'cc0-1.0', 'public-domain', 'all-rights-reserved', 'other')),
	CONSTRAINT "resources_themes_check" CHECK ("resources"."themes" <@ array['housing_policy', 'economic_growth', 'settlement_upgrading', 'land_tenure', 'housing_finance', 'rental_housing', 'social_housing', 'incremental_housing', 'climate_resilience', 'gender', 'migration', 'secondary_cities', 'basic_services', 'urban_planning', 'data_monitoring', 'evictions']::text[]),
	CONSTRAINT "resources_countries_check" CHECK (cardinality("resources"."countries") <= 30 and (cardinality("resources"."countries") = 0 or array_to_string("resources"."countries", ',') ~ '^[A-Z]{2}(,[A-Z]{2})*$')),
	CONSTRAINT "resources_where_check" CHECK ("resources"."regional" or cardinality("resources"."countries") > 0),
	CONSTRAINT "resources_languages_check" CHECK (cardinality("resources"."languages") between 1 and 6 and array_to_string("resources"."languages", ',') ~ '^[a-z]{2}(,[a-z]{2})*$'),
	CONSTRAINT "resources_year_check" CHECK ("resources"."year" between 1900 and 2100),
	CONSTRAINT "resources_counts_check" CHECK ("resources"."download_count" >= 0 and "resources"."view_count" >= 0),
	CONSTRAINT "resources_note_check" CHECK (("resources"."status" in ('changes_requested', 'rejected')) = ("resources"."review_note" is not null)),
	CONSTRAINT "resources_published_at_check" CHECK ("resources"."status" <> 'published' or "resources"."published_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "resource_files" ADD CONSTRAINT "resource_files_resource_id_resources_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."resources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resource_files" ADD CONSTRAINT "resource_files_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_publisher_organisation_id_organisations_id_fk" FOREIGN KEY ("publisher_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_submitter_id_users_id_fk" FOREIGN KEY ("submitter_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resources" ADD CONSTRAINT "resources_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "resource_files_resource_idx" ON "resource_files" USING btree ("resource_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_files_storage_key" ON "resource_files" USING btree ("storage_key");--> statement-breakpoint
CREATE UNIQUE INDEX "resource_files_current_key" ON "resource_files" USING btree ("lineage_id") WHERE "resource_files"."superseded_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "resource_files_version_key" ON "resource_files" USING btree ("lineage_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "resources_slug_key" ON "resources" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "resources_status_published_idx" ON "resources" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "resources_status_submitted_idx" ON "resources" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "resources_submitter_idx" ON "resources" USING btree ("submitter_id","updated_at");--> statement-breakpoint
CREATE INDEX "resources_publisher_idx" ON "resources" USING btree ("publisher_organisation_id");