CREATE TABLE "theme_follows" (
	"user_id" uuid NOT NULL,
	"theme" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "theme_follows_user_id_theme_pk" PRIMARY KEY("user_id","theme"),
	CONSTRAINT "theme_follows_theme_check" CHECK ("theme_follows"."theme" in ('housing_policy', 'economic_growth', 'settlement_upgrading', 'land_tenure', 'housing_finance', 'rental_housing', 'social_housing', 'incremental_housing', 'climate_resilience', 'gender', 'migration', 'secondary_cities', 'basic_services', 'urban_planning', 'data_monitoring', 'evictions'))
);
--> statement-breakpoint
ALTER TABLE "theme_follows" ADD CONSTRAINT "theme_follows_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "theme_follows_theme_idx" ON "theme_follows" USING btree ("theme");