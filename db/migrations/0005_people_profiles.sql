CREATE TABLE "people_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"headline" text,
	"bio_source" text,
	"bio_html" text,
	"bio_text" text,
	"countries" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"website" text,
	"linkedin" text,
	"orcid" text,
	"visibility" text DEFAULT 'members' NOT NULL,
	"photo_key" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_profiles_visibility_check" CHECK ("people_profiles"."visibility" in ('everyone', 'members', 'organisations')),
	CONSTRAINT "people_profiles_countries_check" CHECK (cardinality("people_profiles"."countries") <= 60 and (cardinality("people_profiles"."countries") = 0 or array_to_string("people_profiles"."countries", ',') ~ '^[A-Z]{2}(,[A-Z]{2})*$')),
	CONSTRAINT "people_profiles_languages_check" CHECK ("people_profiles"."languages" <@ array['es', 'pt', 'en', 'fr', 'ht', 'qu', 'gn', 'ay', 'nah', 'arn', 'pap', 'nl', 'de', 'it']::text[]),
	CONSTRAINT "people_profiles_themes_check" CHECK ("people_profiles"."themes" <@ array['housing_policy', 'economic_growth', 'settlement_upgrading', 'land_tenure', 'housing_finance', 'rental_housing', 'social_housing', 'incremental_housing', 'climate_resilience', 'gender', 'migration', 'secondary_cities', 'basic_services', 'urban_planning', 'data_monitoring', 'evictions']::text[]),
	CONSTRAINT "people_profiles_orcid_check" CHECK ("people_profiles"."orcid" ~ '^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$'),
	CONSTRAINT "people_profiles_linkedin_check" CHECK ("people_profiles"."linkedin" ~ '^https://([a-z]{2,3}\.)?linkedin\.com/'),
	CONSTRAINT "people_profiles_photo_key_check" CHECK ("people_profiles"."photo_key" ~ '^[0-9a-f-]{36}-[0-9a-f]{12}$')
);
--> statement-breakpoint
ALTER TABLE "people_profiles" ADD CONSTRAINT "people_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "people_profiles_visibility_idx" ON "people_profiles" USING btree ("visibility");