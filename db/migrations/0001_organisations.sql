CREATE TABLE "organisation_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"organisation_id" uuid NOT NULL,
	"actor_id" uuid,
	"action" text NOT NULL,
	"subject_user_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_invitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"email_normalized" text NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_by" uuid,
	"accepted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_invitations_role_check" CHECK ("organisation_invitations"."role" in ('admin', 'member'))
);
--> statement-breakpoint
CREATE TABLE "organisation_join_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_join_requests_status_check" CHECK ("organisation_join_requests"."status" in ('pending', 'approved', 'declined'))
);
--> statement-breakpoint
CREATE TABLE "organisation_members" (
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"listed" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisation_members_organisation_id_user_id_pk" PRIMARY KEY("organisation_id","user_id"),
	CONSTRAINT "organisation_members_role_check" CHECK ("organisation_members"."role" in ('admin', 'member'))
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"name_key" text NOT NULL,
	"type" text NOT NULL,
	"countries" text[] NOT NULL,
	"hq_city" text NOT NULL,
	"hq_country" text NOT NULL,
	"website" text,
	"contact_email" text NOT NULL,
	"description" text NOT NULL,
	"description_locale" text NOT NULL,
	"themes" text[] DEFAULT '{}'::text[] NOT NULL,
	"founded_year" integer,
	"logo_key" text,
	"logo_mime" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"status_reason" text,
	"applicant_id" uuid,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_slug_check" CHECK ("organisations"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "organisations_type_check" CHECK ("organisations"."type" in ('ngo', 'community_based', 'national_government', 'local_government', 'academia', 'private_sector', 'multilateral', 'financial_institution', 'professional_association', 'network')),
	CONSTRAINT "organisations_status_check" CHECK ("organisations"."status" in ('pending', 'approved', 'rejected', 'suspended')),
	CONSTRAINT "organisations_countries_check" CHECK (cardinality("organisations"."countries") between 1 and 60 and array_to_string("organisations"."countries", ',') ~ '^[A-Z]{2}(,[A-Z]{2})*$'),
	CONSTRAINT "organisations_hq_country_check" CHECK ("organisations"."hq_country" ~ '^[A-Z]{2}$'),
	CONSTRAINT "organisations_themes_check" CHECK ("organisations"."themes" <@ array['housing_policy', 'economic_growth', 'settlement_upgrading', 'land_tenure', 'housing_finance', 'rental_housing', 'social_housing', 'incremental_housing', 'climate_resilience', 'gender', 'migration', 'secondary_cities', 'basic_services', 'urban_planning', 'data_monitoring', 'evictions']::text[]),
	CONSTRAINT "organisations_description_locale_check" CHECK ("organisations"."description_locale" in ('es', 'pt', 'en')),
	CONSTRAINT "organisations_founded_year_check" CHECK ("organisations"."founded_year" between 1800 and 2100),
	CONSTRAINT "organisations_logo_check" CHECK (("organisations"."logo_key" is null) = ("organisations"."logo_mime" is null) and ("organisations"."logo_mime" is null or "organisations"."logo_mime" in ('image/png', 'image/jpeg', 'image/webp', 'image/svg+xml')))
);
--> statement-breakpoint
ALTER TABLE "organisation_audit" ADD CONSTRAINT "organisation_audit_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_audit" ADD CONSTRAINT "organisation_audit_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_audit" ADD CONSTRAINT "organisation_audit_subject_user_id_users_id_fk" FOREIGN KEY ("subject_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_invitations" ADD CONSTRAINT "organisation_invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_invitations" ADD CONSTRAINT "organisation_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_invitations" ADD CONSTRAINT "organisation_invitations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_join_requests" ADD CONSTRAINT "organisation_join_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_join_requests" ADD CONSTRAINT "organisation_join_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_join_requests" ADD CONSTRAINT "organisation_join_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_members" ADD CONSTRAINT "organisation_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_members" ADD CONSTRAINT "organisation_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_applicant_id_users_id_fk" FOREIGN KEY ("applicant_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisation_audit_org_idx" ON "organisation_audit" USING btree ("organisation_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_invitations_token_hash_key" ON "organisation_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "organisation_invitations_org_idx" ON "organisation_invitations" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_join_requests_pending_key" ON "organisation_join_requests" USING btree ("organisation_id","user_id") WHERE "organisation_join_requests"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "organisation_join_requests_org_idx" ON "organisation_join_requests" USING btree ("organisation_id","status","created_at");--> statement-breakpoint
CREATE INDEX "organisation_members_user_idx" ON "organisation_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_slug_key" ON "organisations" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_name_key_key" ON "organisations" USING btree ("name_key") WHERE "organisations"."status" <> 'rejected';--> statement-breakpoint
CREATE INDEX "organisations_status_created_idx" ON "organisations" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "organisations_status_approved_idx" ON "organisations" USING btree ("status","approved_at");--> statement-breakpoint
CREATE INDEX "organisations_applicant_idx" ON "organisations" USING btree ("applicant_id");